package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Stops a cluster's members and removes their data.
 *
 * @param cluster the cluster's name
 */
@ContractType(description = "Stops a cluster's members and removes their data.")
public record DeleteCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

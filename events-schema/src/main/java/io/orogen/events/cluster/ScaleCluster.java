package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import io.orogen.events.OneOf;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changes the number of members of a cluster, one member at a time.
 *
 * @param cluster the cluster's name
 * @param size the new number of members: 1, 3, 5 or 7
 */
@ContractType(description = "Changes the number of members of a cluster, one member at a time.")
public record ScaleCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull @OneOf({1, 3, 5, 7}) Integer size)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.upgrade;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Pauses a cluster's running upgrade before its next member: the member being upgraded finishes
 * first. Answered by {@code UpgradePaused}.
 *
 * @param cluster the cluster's name
 */
@ContractType(description = "Pauses a cluster's upgrade between members.")
public record PauseUpgrade(
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

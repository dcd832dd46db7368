package io.orogen.events.upgrade;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Aborts a cluster's running or paused upgrade between members, rolling the members already
 * upgraded back when etcd allows it (a patch upgrade, or a minor one before its last member).
 * Answered by {@code UpgradeAborted}.
 *
 * @param cluster the cluster's name
 */
@ContractType(description = "Aborts a cluster's upgrade between members.")
public record AbortUpgrade(
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

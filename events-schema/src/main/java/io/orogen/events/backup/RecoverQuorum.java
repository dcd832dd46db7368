package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Brings back a cluster that lost its quorum, now, whatever its policy says: every member is
 * restored in place from the surviving member furthest along ({@code Survivor}) or from the newest
 * backup ({@code Backup}). Answered by {@code QuorumRecoveryStarted}, then {@code ClusterRestored}
 * or {@code RestoreFailed}; refused while the cluster has its quorum.
 *
 * @param cluster the cluster (the record key)
 * @param from where its data comes from: {@code Survivor} or {@code Backup}
 */
@ContractType(
    description = "Brings back a cluster that lost its quorum, from a survivor or a backup.")
public record RecoverQuorum(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull QuorumLossRecovery from)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

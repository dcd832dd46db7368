package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Hands a cluster's leadership to one of its voting members (etcd's move-leader), as a rolling
 * upgrade does before it restarts the leader and a drain before its node reboots. Answered by
 * {@code LeaderMoved} once the member leads, or {@code LeaderTransferFailed}; refused while the
 * cluster is created, scaled, restored or deleted, or another transfer runs.
 *
 * @param cluster the cluster's name
 * @param to the voting member to lead
 */
@ContractType(
    description = "Hands a cluster's leadership to one of its voting members (etcd's move-leader).")
public record TransferLeadership(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String to)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

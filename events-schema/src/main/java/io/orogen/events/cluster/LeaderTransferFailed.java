package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A {@code TransferLeadership} could not be carried out in time; the cluster keeps its leader.
 *
 * @param cluster the cluster's name
 * @param to the member that was to lead
 * @param reason why: the member stopped answering, left the membership, or etcd refused
 */
@ContractType(
    description = "A TransferLeadership could not be carried out in time; the leader stays.")
public record LeaderTransferFailed(String cluster, String to, String reason) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

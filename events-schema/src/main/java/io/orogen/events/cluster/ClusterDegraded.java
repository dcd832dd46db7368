package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * The cluster is not whole; the reason says whether it still serves.
 *
 * @param cluster the cluster's name
 * @param reason why: a member is unhealthy, quorum is lost, or no node is available
 * @param message a sentence for people
 * @param healthyMembers how many members answer
 * @param size how many members the cluster should have
 * @param members every member as last observed
 */
@ContractType(description = "The cluster is not whole; the reason says whether it still serves.")
public record ClusterDegraded(
    String cluster,
    DegradedReason reason,
    String message,
    int healthyMembers,
    int size,
    List<ClusterMember> members)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

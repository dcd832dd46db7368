package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * The member a {@code RestartMember} named answers again on the release it was asked for and has
 * caught up with the leader.
 *
 * @param cluster the cluster's name
 * @param member the member's name
 * @param node the node it runs on
 * @param from the release it ran before
 * @param to the release it runs now
 * @param clusterVersion the cluster's release: the one every voter runs, or the older one while
 *     they differ
 * @param durationMillis from the request to the member seen answering and caught up
 */
@ContractType(
    description =
        "The member a RestartMember named answers again on its release and has caught up.")
public record MemberRestarted(
    String cluster,
    String member,
    String node,
    String from,
    String to,
    String clusterVersion,
    long durationMillis)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

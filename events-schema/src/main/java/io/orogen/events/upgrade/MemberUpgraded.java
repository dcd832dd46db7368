package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A member of an upgrade run answers on the new release, caught up, and the cluster settled.
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param member the member
 * @param node the node it runs on
 * @param from the release it ran
 * @param to the release it runs now
 * @param position its place in the run, from 1
 * @param of how many members the run upgrades
 * @param durationMillis from its restart being asked for to the cluster settled again
 */
@ContractType(
    description =
        "A member of an upgrade run answers on the new release, caught up, and the cluster settled.")
public record MemberUpgraded(
    String runId,
    String cluster,
    String member,
    String node,
    String from,
    String to,
    int position,
    int of,
    long durationMillis)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

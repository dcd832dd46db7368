package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * A failed member was removed from the membership and a new one took its place.
 *
 * @param cluster the cluster's name
 * @param replacedMember the failed member's name
 * @param replacedNode the node the failed member ran on
 * @param member the new member
 * @param endpoints the cluster's client URLs after the replacement
 */
@ContractType(
    description = "A failed member was removed from the membership and a new one took its place.")
public record MemberReplaced(
    String cluster,
    String replacedMember,
    String replacedNode,
    ClusterMember member,
    List<String> endpoints)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

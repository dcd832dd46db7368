package io.orogen.events.node;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A stopped member's directory (data, log, spec) was deleted from the node; the answer to {@code
 * RemoveMemberData}, also when there was nothing to delete.
 *
 * @param node the node's name
 * @param cluster the cluster's name
 * @param member the member's name
 */
@ContractType(description = "A stopped member's data directory was deleted from the node.")
public record MemberDataRemoved(String node, String cluster, String member) implements Event {

  @Override
  public String aggregateId() {
    return node;
  }
}

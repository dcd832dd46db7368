package io.orogen.events.node;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * A node agent is alive; sent every few seconds with the member processes it supervises.
 *
 * @param node the node's name
 * @param bootId the host's boot id
 * @param members the member processes on the node
 * @param diskFreeBytes free space under the agent's data root
 */
@ContractType(description = "A node agent is alive, with the member processes it supervises.")
public record NodeHeartbeat(
    String node, String bootId, List<MemberProcess> members, long diskFreeBytes) implements Event {

  @Override
  public String aggregateId() {
    return node;
  }
}

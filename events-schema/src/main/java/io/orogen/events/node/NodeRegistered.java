package io.orogen.events.node;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;
import java.util.Map;

/**
 * A node agent started and describes its host: sent at every agent start, so the latest one is the
 * node's current inventory.
 *
 * @param node the node's name
 * @param bootId the host's boot id; a new one means the host rebooted
 * @param labels placement labels, for example {@code zone} and {@code rack}
 * @param address the host address members on it listen on and are reached at
 * @param etcdVersions the exact etcd versions the node can run, newest first
 * @param capacity what the node can take
 * @param portRange the ports the agent gives to members
 * @param agentVersion the agent's own version
 */
@ContractType(description = "A node agent started and describes its host and inventory.")
public record NodeRegistered(
    String node,
    String bootId,
    Map<String, String> labels,
    String address,
    List<String> etcdVersions,
    NodeCapacity capacity,
    PortRange portRange,
    String agentVersion)
    implements Event {

  @Override
  public String aggregateId() {
    return node;
  }
}

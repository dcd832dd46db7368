package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * A cluster's update channel, strategy and maintenance windows.
 *
 * @param cluster the cluster's name
 * @param channel the channel it follows
 * @param strategy automatic or approval
 * @param windows its weekly maintenance windows
 */
@ContractType(description = "A cluster's update channel, strategy and maintenance windows.")
public record UpdatePolicySet(
    String cluster, UpdateChannel channel, UpdateStrategy strategy, List<MaintenanceWindow> windows)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

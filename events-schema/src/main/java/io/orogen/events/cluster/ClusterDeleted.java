package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * The cluster's members were stopped and their data removed; the name is free again.
 *
 * @param cluster the cluster's name
 */
@ContractType(
    description =
        "The cluster's members were stopped and their data removed; the name is free again.")
public record ClusterDeleted(String cluster) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

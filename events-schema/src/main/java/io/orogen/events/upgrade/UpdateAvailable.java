package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A release the cluster's channel offers is available and waits for approval.
 *
 * @param cluster the cluster's name
 * @param version the release offered
 * @param current the release the cluster runs
 * @param channel the channel that offers it
 */
@ContractType(
    description = "A release the cluster's channel offers is available and waits for approval.")
public record UpdateAvailable(String cluster, String version, String current, UpdateChannel channel)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.time.Instant;

/**
 * An update the cluster's policy would start was not started, with why and when it can.
 *
 * @param cluster the cluster's name
 * @param targetVersion the release it would go to
 * @param reason why it was not started
 * @param nextWindowAt when the next window it fits in opens, if one does
 */
@ContractType(
    description =
        "An update the cluster's policy would start was not started, with why and when it can.")
public record UpgradeRefused(
    String cluster, String targetVersion, String reason, Instant nextWindowAt) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

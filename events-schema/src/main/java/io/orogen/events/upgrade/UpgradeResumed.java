package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A paused upgrade run goes on with its next member.
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param next the member it goes on with
 */
@ContractType(description = "A paused upgrade run goes on with its next member.")
public record UpgradeResumed(String runId, String cluster, String next) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

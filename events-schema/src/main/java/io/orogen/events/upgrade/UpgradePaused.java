package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * An upgrade run stopped between two members, as asked; it resumes with the next one.
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param upgraded how many members run the new release
 * @param of how many members the run upgrades
 * @param next the member it goes on with
 */
@ContractType(
    description =
        "An upgrade run stopped between two members, as asked; it resumes with the next one.")
public record UpgradePaused(String runId, String cluster, int upgraded, int of, String next)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

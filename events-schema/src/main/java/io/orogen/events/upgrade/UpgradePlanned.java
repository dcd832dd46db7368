package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * An upgrade run was accepted: the order of its members and its estimated duration.
 *
 * @param runId the run's id, also the correlation id of everything it causes
 * @param cluster the cluster's name
 * @param from the release the cluster runs
 * @param to the release it goes to
 * @param order the members in the order they are upgraded: followers first, the leader last
 * @param leader the member that led when the run was planned
 * @param estimatedMillis how long the run is expected to take, backup included
 * @param backup whether a pre-upgrade backup is taken first (false: skipped on request)
 * @param trigger what started it
 */
@ContractType(
    description =
        "An upgrade run was accepted: the order of its members and its estimated duration.")
public record UpgradePlanned(
    String runId,
    String cluster,
    String from,
    String to,
    List<String> order,
    String leader,
    long estimatedMillis,
    boolean backup,
    UpgradeTrigger trigger)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * An upgrade run stopped: a member did not become healthy on the new release, or a step was
 * refused.
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param from the release the cluster ran
 * @param to the release it was going to
 * @param member the member it failed on, or null when it failed before one
 * @param reason what went wrong
 * @param logTail the last lines the member logged, when it exited
 * @param rolledBack the members restarted on the old release
 * @param degradedMillis how long the cluster was not whole during the run
 * @param clusterVersion the release the cluster runs now
 */
@ContractType(
    description =
        "An upgrade run stopped: a member did not become healthy on the new release, or a step was refused.")
public record UpgradeFailed(
    String runId,
    String cluster,
    String from,
    String to,
    String member,
    String reason,
    List<String> logTail,
    List<String> rolledBack,
    long degradedMillis,
    String clusterVersion)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

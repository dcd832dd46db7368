package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * Every member of an upgrade run runs the new release and the cluster is healthy.
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param from the release it ran
 * @param to the release it runs now
 * @param durationMillis from the run accepted to its end
 * @param members each member's time, in the order they were upgraded
 * @param degradedMillis how long the cluster was not whole (a member down) during the run
 * @param backupId the pre-upgrade backup, or null when it was skipped
 */
@ContractType(
    description = "Every member of an upgrade run runs the new release and the cluster is healthy.")
public record UpgradeCompleted(
    String runId,
    String cluster,
    String from,
    String to,
    long durationMillis,
    List<MemberTiming> members,
    long degradedMillis,
    String backupId)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

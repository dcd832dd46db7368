package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A restore was accepted: the new cluster is being created from the backup, or the cluster is being
 * rolled back to it in place.
 *
 * @param cluster the new cluster's name
 * @param backupId the backup it is restored from
 * @param fromCluster the cluster the backup was taken of
 * @param revision the revision the new cluster will hold: the backup's, or the point-in-time
 *     target's; null for a target time, until the rebuilt backup's {@code BackupCompleted} says
 * @param pointInTime whether delta snapshots are replayed onto the backup up to {@code revision}
 * @param inPlace whether the cluster is rolled back in place ({@code RestoreInPlace}) rather than
 *     created
 */
@ContractType(description = "A restore was accepted: a new cluster is created, or one rolled back.")
public record RestoreStarted(
    String cluster,
    String backupId,
    String fromCluster,
    Long revision,
    boolean pointInTime,
    boolean inPlace)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

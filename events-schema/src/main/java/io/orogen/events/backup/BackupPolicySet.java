package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.time.Instant;

/**
 * A cluster's backup policy is now this one.
 *
 * @param cluster the cluster's name
 * @param schedule the cron expression of its scheduled backups, or null for none
 * @param storage the storage they go to
 * @param keepLast how many of the newest scheduled backups are kept, or null
 * @param tiered whether the tiered retention keeps more (see {@code SetBackupPolicy})
 * @param deltaSeconds how often delta snapshots are written, or null for none
 * @param quorumLossRecovery what is done when it loses its quorum
 * @param verifyEvery one scheduled backup in this many is verified (1: every one)
 * @param nextBackupAt when the next scheduled backup is due, or null
 */
@ContractType(description = "A cluster's backup policy is now this one.")
public record BackupPolicySet(
    String cluster,
    String schedule,
    String storage,
    Integer keepLast,
    boolean tiered,
    Integer deltaSeconds,
    QuorumLossRecovery quorumLossRecovery,
    int verifyEvery,
    Instant nextBackupAt)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

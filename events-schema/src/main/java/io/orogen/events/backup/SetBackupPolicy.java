package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Sets a cluster's backup policy, replacing the one it had: when scheduled backups are taken,
 * where, and which of them are kept. Retention applies to scheduled backups only; backups taken on
 * demand are kept until deleted.
 *
 * @param cluster the cluster's name
 * @param schedule when to take a full snapshot: a cron expression of 5 fields (minute hour
 *     day-of-month month day-of-week, as in crontab) or 6 (seconds first); none for no scheduled
 *     backups
 * @param storage the storage to keep them in; the default storage when absent
 * @param keepLast keep the newest this many scheduled backups (at least 1)
 * @param tiered keep, besides, every backup of the last hour, the newest of each hour for a day, of
 *     each day for a week and of each week for four weeks
 * @param deltaSeconds record every change between full snapshots (delta snapshots, for a restore to
 *     a revision or a time), written to storage every this many seconds (or every 8 MiB); none for
 *     no delta snapshots
 * @param quorumLossRecovery what is done when the cluster loses its quorum and it does not come
 *     back; off when absent
 * @param verifyEvery verify one scheduled backup in this many (the first of them, then each {@code
 *     verifyEvery}-th); the others are marked not sampled. Every backup when absent (1); backups
 *     taken on demand, before a restore or for a point in time are always verified
 */
@ContractType(
    description =
        "Sets a cluster's backup policy: the schedule of full snapshots, their storage and"
            + " retention, and delta snapshots for point-in-time restores.")
public record SetBackupPolicy(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @Size(min = 1, max = 120) String schedule,
    @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String storage,
    @Min(1) @Max(10000) Integer keepLast,
    Boolean tiered,
    @Min(1) @Max(3600) Integer deltaSeconds,
    QuorumLossRecovery quorumLossRecovery,
    @Min(1) @Max(1000) Integer verifyEvery)
    implements Command {

  /** A policy without delta snapshots or quorum-loss recovery. */
  public SetBackupPolicy(
      String cluster, String schedule, String storage, Integer keepLast, Boolean tiered) {
    this(cluster, schedule, storage, keepLast, tiered, null, null, null);
  }

  /** A policy that verifies every backup. */
  public SetBackupPolicy(
      String cluster,
      String schedule,
      String storage,
      Integer keepLast,
      Boolean tiered,
      Integer deltaSeconds,
      QuorumLossRecovery quorumLossRecovery) {
    this(cluster, schedule, storage, keepLast, tiered, deltaSeconds, quorumLossRecovery, null);
  }

  @Override
  public String aggregateId() {
    return cluster;
  }
}

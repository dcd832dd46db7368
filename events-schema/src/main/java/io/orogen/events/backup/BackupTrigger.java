package io.orogen.events.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What asked for a backup. */
public enum BackupTrigger {
  /** A {@code CreateBackup} command (REST, console or any Kafka client). */
  @JsonProperty("OnDemand")
  ON_DEMAND,
  /** The cluster's backup policy's schedule. */
  @JsonProperty("Scheduled")
  SCHEDULED,
  /**
   * A restore to a revision or a time: a full snapshot with the delta snapshots after it replayed
   * up to the target, kept as a backup of its own.
   */
  @JsonProperty("PointInTime")
  POINT_IN_TIME,
  /** A snapshot of the surviving member of a cluster that lost its quorum, to restore it from. */
  @JsonProperty("QuorumRecovery")
  QUORUM_RECOVERY,
  /** Asked for by upgrade-service before a rolling upgrade touches the first member. */
  @JsonProperty("PreUpgrade")
  PRE_UPGRADE
}

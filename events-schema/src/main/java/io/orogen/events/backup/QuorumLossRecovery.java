package io.orogen.events.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What backup-service does when a cluster has lost its quorum and it does not come back. */
public enum QuorumLossRecovery {
  /** Nothing: an operator decides (RecoverQuorum). The default. */
  @JsonProperty("Off")
  OFF,
  /**
   * Restore every member in place from a snapshot of the surviving member furthest along in the
   * Raft log: only what it had not received is lost.
   */
  @JsonProperty("Survivor")
  SURVIVOR,
  /**
   * Restore every member in place from the newest backup, with the delta snapshots after it when
   * they are recorded: what came after is lost.
   */
  @JsonProperty("Backup")
  BACKUP
}

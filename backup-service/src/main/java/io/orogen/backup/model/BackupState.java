package io.orogen.backup.model;

/** Where a backup is in its life. */
public enum BackupState {
  /** Being taken (or waiting for its next attempt). */
  RUNNING,
  /** Stored whole, checksum and revision known. */
  COMPLETED,
  /** Could not be taken; nothing of it is in storage. */
  FAILED,
  /** Its artifact is being removed. */
  DELETING;

  /** Whether the backup still needs work from the service. */
  public boolean unfinished() {
    return this == RUNNING || this == DELETING;
  }
}

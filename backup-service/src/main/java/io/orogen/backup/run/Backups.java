package io.orogen.backup.run;

/** Asks for a backup to be worked on soon; implemented by the backup queue. */
public interface Backups {

  void request(String backupId);

  /** Works on the backups operation {@code operationId} started (a point-in-time restore's). */
  void requestStartedBy(String operationId);
}

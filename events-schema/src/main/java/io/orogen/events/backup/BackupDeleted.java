package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A backup's artifact was removed from storage and the backup is gone.
 *
 * @param backupId the backup's id
 * @param cluster the cluster's name
 * @param reason {@code Requested} (a {@code DeleteBackup}) or {@code Retention} (the policy)
 */
@ContractType(description = "A backup's artifact was removed from storage and the backup is gone.")
public record BackupDeleted(String backupId, String cluster, String reason) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

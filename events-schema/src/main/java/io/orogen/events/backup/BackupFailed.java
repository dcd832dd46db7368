package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A backup could not be taken or stored; nothing of it is kept in storage.
 *
 * @param backupId the backup's id
 * @param cluster the cluster's name
 * @param reason what went wrong, last attempt first
 * @param attempts how many times it was tried
 */
@ContractType(
    description = "A backup could not be taken or stored; nothing of it is kept in storage.")
public record BackupFailed(String backupId, String cluster, String reason, int attempts)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A stored backup does not restore what was backed up: its checksum, its restore or its contents
 * differ. No restore uses it.
 *
 * @param backupId the backup's id
 * @param cluster the cluster's name
 * @param reason what differs
 */
@ContractType(
    description = "A stored backup does not restore what was backed up; no restore uses it.")
public record BackupCorrupt(String backupId, String cluster, String reason) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

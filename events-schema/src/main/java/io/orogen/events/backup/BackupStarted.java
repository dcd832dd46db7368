package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A backup was accepted and is being taken.
 *
 * @param backupId the backup's id
 * @param cluster the cluster's name
 * @param clusterToken the incarnation of the cluster it is taken of
 * @param storage the storage it goes to
 * @param trigger what asked for it
 */
@ContractType(description = "A backup was accepted and is being taken.")
public record BackupStarted(
    String backupId, String cluster, String clusterToken, String storage, BackupTrigger trigger)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

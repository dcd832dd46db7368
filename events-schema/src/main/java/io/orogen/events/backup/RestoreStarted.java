package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A restore was accepted: the new cluster is being created from the backup.
 *
 * @param cluster the new cluster's name
 * @param backupId the backup it is restored from
 * @param fromCluster the cluster the backup was taken of
 * @param revision the revision the backup holds
 */
@ContractType(description = "A restore was accepted: the new cluster is being created from it.")
public record RestoreStarted(String cluster, String backupId, String fromCluster, long revision)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A restore did not produce a cluster.
 *
 * @param cluster the cluster it was to create
 * @param backupId the backup it was to restore
 * @param reason why
 */
@ContractType(description = "A restore did not produce a cluster.")
public record RestoreFailed(String cluster, String backupId, String reason) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

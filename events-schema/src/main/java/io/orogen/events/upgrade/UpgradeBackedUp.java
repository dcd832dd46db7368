package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * The pre-upgrade backup of a run is stored (and verified, when backup-service verifies).
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param backupId the backup, to restore from if the upgrade has to be undone
 * @param verified whether it was verified by a test restore
 */
@ContractType(
    description =
        "The pre-upgrade backup of a run is stored (and verified, when backup-service verifies).")
public record UpgradeBackedUp(String runId, String cluster, String backupId, boolean verified)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

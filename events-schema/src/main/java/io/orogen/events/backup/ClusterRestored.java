package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * A cluster restored from a backup is ready: its data is the backup's, as of its revision.
 *
 * @param cluster the restored cluster's name
 * @param backupId the backup it came from
 * @param fromCluster the cluster the backup was taken of
 * @param revision the revision it came from
 * @param endpoints its client URLs
 */
@ContractType(description = "A cluster restored from a backup is ready, with the backup's data.")
public record ClusterRestored(
    String cluster, String backupId, String fromCluster, long revision, List<String> endpoints)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

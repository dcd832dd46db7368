package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.time.Instant;

/**
 * A full snapshot is stored whole: its checksum and size are known and its revision was read back
 * from the stored artifact.
 *
 * @param backupId the backup's id
 * @param cluster the cluster's name
 * @param clusterToken the incarnation of the cluster it was taken of
 * @param member the member the snapshot was streamed from
 * @param revision the etcd revision the snapshot holds
 * @param totalKeys the number of keys in the snapshot, every revision counted
 * @param etcdVersion the etcd version of that member
 * @param sizeBytes the artifact's size
 * @param sha256 the artifact's SHA-256, lower-case hex
 * @param storage the storage's name
 * @param location where the artifact is ({@code file:} or {@code s3:} URI)
 * @param trigger what asked for it
 * @param startedAt when the snapshot began
 * @param durationMillis how long taking and storing it took
 * @param verifies whether a verification follows ({@code BackupVerified} or {@code BackupCorrupt})
 */
@ContractType(
    description =
        "A full snapshot is stored whole, with its checksum, size and the revision it holds.")
public record BackupCompleted(
    String backupId,
    String cluster,
    String clusterToken,
    String member,
    long revision,
    long totalKeys,
    String etcdVersion,
    long sizeBytes,
    String sha256,
    String storage,
    String location,
    BackupTrigger trigger,
    Instant startedAt,
    long durationMillis,
    Boolean verifies)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A backup restores: restored into a scratch member, its key count and key-space hash at its
 * revision are the ones its cluster had when it was taken.
 *
 * @param backupId the backup's id
 * @param cluster the cluster's name
 * @param revision the revision compared at
 * @param keyCount the keys at that revision
 * @param hashKv etcd's key-space hash at that revision
 * @param durationMillis how long restoring and comparing took
 */
@ContractType(
    description =
        "A backup restores: restored into a scratch member, its key count and hash match the"
            + " cluster's at its revision.")
public record BackupVerified(
    String backupId, String cluster, long revision, long keyCount, long hashKv, long durationMillis)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

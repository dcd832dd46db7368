package io.orogen.events.backup;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A cluster that lost its quorum is being restored in place: from which source, and how much data
 * may be lost.
 *
 * @param cluster the cluster
 * @param from {@code Survivor} or {@code Backup}
 * @param backupId the backup its members restore from (for a survivor, the snapshot taken of it)
 * @param member the surviving member the snapshot is taken of, for {@code Survivor}
 * @param revision the revision restored, once known (a survivor's is known once its snapshot is)
 * @param lastKnownRevision the newest revision backup-service knows the cluster reached (its delta
 *     snapshots' newest), or null when it records none
 * @param revisionsLost {@code lastKnownRevision - revision} when both are known: at least this many
 *     revisions are lost
 * @param automatic whether the policy started it (else a {@code RecoverQuorum})
 */
@ContractType(description = "A cluster that lost its quorum is being restored, and from what.")
public record QuorumRecoveryStarted(
    String cluster,
    QuorumLossRecovery from,
    String backupId,
    String member,
    Long revision,
    Long lastKnownRevision,
    Long revisionsLost,
    boolean automatic)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.backup.rest;

import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.DeltaCursorEntity;
import io.orogen.events.backup.QuorumLossRecovery;
import java.time.Instant;

/** The REST API's JSON shapes. */
public final class BackupViews {

  private BackupViews() {}

  /** A {@code 202 Accepted} answer: the backup's id, the operation's id, where to follow it. */
  public record Accepted(String backupId, String operationId, String status) {}

  /** A backup, with its progress while it runs. */
  public record Backup(
      String id,
      String cluster,
      String clusterToken,
      String state,
      String storage,
      String trigger,
      String location,
      String member,
      Long revision,
      Long totalKeys,
      Long keyCount,
      Long hashKv,
      String etcdVersion,
      Long sizeBytes,
      long bytesDone,
      String sha256,
      int attempts,
      String failure,
      String verification,
      String verificationDetail,
      Instant verifiedAt,
      Instant requestedAt,
      Instant startedAt,
      Instant completedAt,
      Long durationMillis) {

    static Backup of(BackupEntity b) {
      return new Backup(
          b.id,
          b.cluster,
          b.clusterToken,
          b.state.name(),
          b.storage,
          b.trigger.name(),
          b.location,
          b.member,
          b.revision,
          b.totalKeys,
          b.keyCount,
          b.hashKv,
          b.etcdVersion,
          b.sizeBytes,
          b.bytesDone,
          b.sha256,
          b.attempts,
          b.failure,
          b.verification,
          b.verificationDetail,
          b.verifiedAt,
          b.requestedAt,
          b.startedAt,
          b.completedAt,
          b.durationMillis);
    }
  }

  /**
   * {@code PUT /api/v1/clusters/{name}/backup-policy}'s body: {@code SetBackupPolicy} less the
   * cluster.
   */
  public record PolicyRequest(
      String schedule,
      String storage,
      Integer keepLast,
      Boolean tiered,
      Integer deltaSeconds,
      QuorumLossRecovery quorumLossRecovery,
      Integer verifyEvery) {}

  /**
   * A cluster's backup policy, with how far its delta snapshots reach: every change up to {@code
   * deltasToRevision} is recorded, and every change until {@code deltasCoveredUntil}.
   */
  public record Policy(
      String cluster,
      String schedule,
      String storage,
      Integer keepLast,
      boolean tiered,
      Integer deltaSeconds,
      QuorumLossRecovery quorumLossRecovery,
      int verifyEvery,
      Instant nextBackupAt,
      Instant lastBackupAt,
      Long deltasToRevision,
      Instant deltasCoveredUntil) {

    static Policy of(BackupPolicyEntity p, DeltaCursorEntity cursor) {
      return new Policy(
          p.cluster,
          p.schedule,
          p.storage,
          p.keepLast,
          p.tiered,
          p.deltaSeconds,
          p.quorumLossRecovery != null ? p.quorumLossRecovery : QuorumLossRecovery.OFF,
          p.verifiesOneIn(),
          p.nextFireAt,
          p.lastFiredAt,
          cursor == null ? null : cursor.nextRevision - 1,
          cursor == null ? null : cursor.coveredUntil);
    }
  }

  /**
   * {@code POST /api/v1/backups/{id}/restore}'s body: {@code RestoreCluster} less the backup; with
   * {@code atRevision} or {@code atTime}, the backup is the full snapshot to start from.
   */
  public record RestoreRequest(
      String into, Integer size, String version, Long atRevision, Instant atTime) {}

  /**
   * {@code POST /api/v1/clusters/{name}/restore}'s body: {@code RestoreCluster} from the cluster's
   * backups (or {@code backupId}), as of {@code atRevision} or {@code atTime} (its newest backup
   * when neither is set); {@code RestoreInPlace} with {@code inPlace}.
   */
  public record ClusterRestoreRequest(
      String into,
      Integer size,
      String version,
      String backupId,
      Long atRevision,
      Instant atTime,
      Boolean inPlace) {}

  /** A restore was accepted: the new cluster's name and the operation id of its events. */
  public record RestoreAccepted(String cluster, String backupId, String operationId) {}
}

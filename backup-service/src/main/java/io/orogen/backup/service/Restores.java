package io.orogen.backup.service;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.persistence.RestoreEntity;
import io.orogen.backup.run.BackupRunner;
import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.EtcdVersion;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.RestoreFrom;
import io.orogen.events.backup.ClusterRestored;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreFailed;
import io.orogen.events.backup.RestoreStarted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.Provider;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.text.Bounded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Restores backups into new clusters. backup-service owns the artifact and the restore; the members
 * are cluster-service's: a restore is a {@code CreateCluster} whose founding members start from the
 * artifact (agents download it from this service, check its SHA-256 and restore it with etcd's
 * tool). The restore completes when cluster-service reports the new cluster ready, and fails when
 * it refuses the cluster or a member cannot start from the artifact.
 */
@ApplicationScoped
public class Restores {

  private static final String CREATE_CLUSTER = Contract.of(CreateCluster.class).ceType();

  private final Outbox outbox;
  private final BackupServiceConfig config;

  public Restores(Outbox outbox, BackupServiceConfig config) {
    this.outbox = outbox;
    this.config = config;
  }

  /** Starts restoring a completed backup into a cluster that does not exist yet. */
  public Uni<Outcome> restore(RestoreCluster command, Operation op) {
    return BackupEntity.<BackupEntity>findById(command.backupId())
        .flatMap(
            backup -> {
              if (backup == null) {
                return rejected(
                    RejectionCode.NOT_FOUND,
                    "no backup " + command.backupId(),
                    "backupId",
                    "no such backup");
              }
              if (backup.state != BackupState.COMPLETED) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "backup "
                        + backup.id
                        + " is "
                        + backup.state.name().toLowerCase()
                        + "; only a completed backup restores",
                    "backupId",
                    "not completed");
              }
              if (BackupRunner.CORRUPT.equals(backup.verification)) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "backup " + backup.id + " is corrupt: " + backup.verificationDetail,
                    "backupId",
                    "corrupt");
              }
              return ClusterViewEntity.<ClusterViewEntity>findById(command.into())
                  .flatMap(
                      existing ->
                          existing != null
                              ? rejected(
                                  RejectionCode.NAME_TAKEN,
                                  "a cluster named "
                                      + command.into()
                                      + " exists; restore into a new name",
                                  "into",
                                  "taken")
                              : RestoreEntity.<RestoreEntity>find(
                                      "cluster = ?1 and state = ?2",
                                      command.into(),
                                      RestoreEntity.RUNNING)
                                  .firstResult()
                                  .flatMap(
                                      running ->
                                          running != null
                                              ? rejected(
                                                  RejectionCode.CONFLICT,
                                                  "a restore into "
                                                      + command.into()
                                                      + " is running",
                                                  "into",
                                                  "restore running")
                                              : start(command, backup, op)));
            });
  }

  private Uni<Outcome> start(RestoreCluster command, BackupEntity backup, Operation op) {
    RestoreEntity restore = new RestoreEntity();
    restore.id = op.correlationId();
    restore.cluster = command.into();
    restore.backupId = backup.id;
    restore.fromCluster = backup.cluster;
    restore.revision = backup.revision;
    restore.size = command.size() != null ? command.size() : 3;
    restore.refused = "";
    restore.state = RestoreEntity.RUNNING;
    restore.operationId = op.correlationId();
    restore.requestedAt = Instant.now();
    String version =
        command.version() != null
            ? command.version()
            : EtcdVersion.tryFind(backup.etcdVersion)
                .map(v -> v.major() + "." + v.minor())
                .orElse(backup.etcdVersion);
    RestoreFrom from =
        new RestoreFrom(
            backup.id,
            config.advertisedUrl() + "/api/v1/backups/" + backup.id + "/artifact",
            backup.sha256,
            backup.revision);
    return restore
        .persist()
        .chain(
            () ->
                outbox.append(
                    Domain.BACKUP,
                    new RestoreStarted(restore.cluster, backup.id, backup.cluster, backup.revision),
                    op))
        .chain(
            () ->
                outbox.append(
                    Domain.CLUSTER,
                    new CreateCluster(command.into(), restore.size, version, Provider.AGENTS, from),
                    op))
        .replaceWith(new Outcome.Accepted(command.into(), op.correlationId()));
  }

  /** The new cluster is ready: the restore is done. */
  public Uni<Void> ready(ClusterReady event) {
    return running(event.cluster())
        .flatMap(
            restore -> {
              if (restore == null) {
                return Uni.createFrom().voidItem();
              }
              restore.state = RestoreEntity.COMPLETED;
              restore.completedAt = Instant.now();
              return outbox.append(
                  Domain.BACKUP,
                  new ClusterRestored(
                      restore.cluster,
                      restore.backupId,
                      restore.fromCluster,
                      restore.revision,
                      event.endpoints()),
                  new Operation(restore.operationId, null));
            });
  }

  /** cluster-service refused the restore's {@code CreateCluster}. */
  public Uni<Void> refused(CommandRejected rejected, Operation op) {
    if (!CREATE_CLUSTER.equals(rejected.commandType())) {
      return Uni.createFrom().voidItem();
    }
    return running(rejected.subject())
        .flatMap(
            restore ->
                restore == null || !restore.operationId.equals(op.correlationId())
                    ? Uni.createFrom().voidItem()
                    : fail(restore, "cluster-service refused the cluster: " + rejected.message()));
  }

  /** A founding member could not start from the artifact (a checksum or restore failure). */
  public Uni<Void> memberFailed(MemberFailed event) {
    if (event.failure() != MemberFailure.START_REFUSED) {
      return Uni.createFrom().voidItem();
    }
    return running(event.cluster())
        .flatMap(
            restore ->
                restore == null
                    ? Uni.createFrom().voidItem()
                    : fail(
                        restore,
                        "member " + event.member() + " could not start: " + event.message()));
  }

  private Uni<Void> fail(RestoreEntity restore, String reason) {
    restore.state = RestoreEntity.FAILED;
    restore.reason = Bounded.message(reason);
    restore.completedAt = Instant.now();
    return outbox.append(
        Domain.BACKUP,
        new RestoreFailed(restore.cluster, restore.backupId, restore.reason),
        new Operation(restore.operationId, null));
  }

  private static Uni<RestoreEntity> running(String cluster) {
    return RestoreEntity.<RestoreEntity>find(
            "cluster = ?1 and state = ?2", cluster, RestoreEntity.RUNNING)
        .firstResult();
  }

  private static Uni<Outcome> rejected(
      RejectionCode code, String message, String field, String why) {
    return Uni.createFrom()
        .item(new Outcome.Rejected(code, message, List.of(new FieldError(field, why))));
  }
}

package io.orogen.backup.service;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.model.BackupIds;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.model.PointInTime;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.persistence.DeltaCursorEntity;
import io.orogen.backup.persistence.RestoreEntity;
import io.orogen.backup.run.BackupRunner;
import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.EtcdVersion;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.RestoreFrom;
import io.orogen.events.backup.BackupStarted;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.events.backup.ClusterRestored;
import io.orogen.events.backup.QuorumLossRecovery;
import io.orogen.events.backup.QuorumRecoveryStarted;
import io.orogen.events.backup.RecoverQuorum;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreFailed;
import io.orogen.events.backup.RestoreInPlace;
import io.orogen.events.backup.RestoreStarted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.MembersRestored;
import io.orogen.events.cluster.Provider;
import io.orogen.events.cluster.RestoreMembers;
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
  private static final String RESTORE_MEMBERS = Contract.of(RestoreMembers.class).ceType();

  private final Outbox outbox;
  private final BackupServiceConfig config;

  public Restores(Outbox outbox, BackupServiceConfig config) {
    this.outbox = outbox;
    this.config = config;
  }

  /**
   * Starts restoring into a cluster that does not exist yet: a completed backup as it is, or a
   * point in time rebuilt from a full snapshot and the delta snapshots after it.
   */
  public Uni<Outcome> restore(RestoreCluster command, Operation op) {
    Outcome.Rejected malformed = malformed(command);
    if (malformed != null) {
      return Uni.createFrom().item(malformed);
    }
    return ClusterViewEntity.<ClusterViewEntity>findById(command.into())
        .flatMap(
            existing ->
                existing != null
                    ? rejected(
                        RejectionCode.NAME_TAKEN,
                        "a cluster named " + command.into() + " exists; restore into a new name",
                        "into",
                        "taken")
                    : begin(command, false, op));
  }

  /**
   * Starts rolling a cluster back in place to a backup, a revision or a time; cluster-service stops
   * its members, replaces their data and starts them again ({@code MembersRestored}).
   */
  public Uni<Outcome> restoreInPlace(RestoreInPlace command, Operation op) {
    RestoreCluster same =
        new RestoreCluster(
            command.cluster(),
            command.backupId(),
            null,
            null,
            command.backupId() == null ? command.cluster() : null,
            command.atRevision(),
            command.atTime());
    Outcome.Rejected malformed = malformed(same);
    if (malformed != null) {
      return Uni.createFrom().item(malformed);
    }
    return ClusterViewEntity.<ClusterViewEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(
                    RejectionCode.NOT_FOUND,
                    "no cluster named " + command.cluster(),
                    "cluster",
                    "no such cluster");
              }
              if (!"READY".equals(cluster.phase) && !"DEGRADED".equals(cluster.phase)) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster "
                        + cluster.name
                        + " is "
                        + String.valueOf(cluster.phase).toLowerCase()
                        + "; it is restored in place once it is ready or degraded",
                    "cluster",
                    "not ready");
              }
              return begin(same, true, op);
            });
  }

  /** {@code RecoverQuorum}: brings a cluster that lost its quorum back now. */
  public Uni<Outcome> recoverQuorum(RecoverQuorum command, Operation op) {
    return recover(command.cluster(), command.from(), false, op);
  }

  /**
   * Brings back a cluster that lost its quorum by restoring every member in place: from a snapshot
   * of its surviving member furthest along (taken first, {@link #backupBuilt} goes on), or from its
   * newest backup — up to the newest recorded change when delta snapshots reach further. {@code
   * QuorumRecoveryStarted} says which, and how much may be lost.
   *
   * @param automatic whether the policy asks for it (else a command)
   */
  public Uni<Outcome> recover(
      String cluster, QuorumLossRecovery from, boolean automatic, Operation op) {
    if (from == null || from == QuorumLossRecovery.OFF) {
      return rejected(
          RejectionCode.INVALID_FIELD,
          "recover from Survivor or Backup",
          "from",
          "Survivor or Backup");
    }
    return ClusterViewEntity.<ClusterViewEntity>findById(cluster)
        .flatMap(
            view -> {
              if (view == null) {
                return rejected(
                    RejectionCode.NOT_FOUND,
                    "no cluster named " + cluster,
                    "cluster",
                    "no such cluster");
              }
              if (view.quorumLostAt == null) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster " + cluster + " has its quorum; restore it in place instead",
                    "cluster",
                    "has its quorum");
              }
              return running(cluster)
                  .flatMap(
                      running ->
                          running != null
                              ? rejected(
                                  RejectionCode.CONFLICT,
                                  "a restore of " + cluster + " is running",
                                  "cluster",
                                  "restore running")
                              : DeltaCursorEntity.<DeltaCursorEntity>findById(cluster)
                                  .flatMap(
                                      cursor -> {
                                        Long lastKnown =
                                            cursor == null ? null : cursor.nextRevision - 1;
                                        return from == QuorumLossRecovery.SURVIVOR
                                            ? fromSurvivor(view, lastKnown, automatic, op)
                                            : fromBackup(view, lastKnown, automatic, op);
                                      }));
            });
  }

  /** A snapshot of the survivor first: a backup the restore waits for. */
  private Uni<Outcome> fromSurvivor(
      ClusterViewEntity view, Long lastKnown, boolean automatic, Operation op) {
    return BackupPolicyEntity.<BackupPolicyEntity>findById(view.name)
        .flatMap(
            policy -> {
              BackupEntity snapshot =
                  toBuild(
                      view.name,
                      view.token,
                      policy != null && policy.storage != null
                          ? policy.storage
                          : config.defaultStorage(),
                      BackupTrigger.QUORUM_RECOVERY,
                      op);
              RestoreCluster same =
                  new RestoreCluster(view.name, snapshot.id, null, null, null, null, null);
              RestoreEntity restore = newRestore(same, true, snapshot, op);
              restore.clusterRequested = false;
              restore.recovery = QuorumLossRecovery.SURVIVOR;
              restore.automatic = automatic;
              return snapshot
                  .persist()
                  .chain(restore::persist)
                  .chain(() -> started(snapshot, op))
                  .chain(
                      () ->
                          outbox.append(
                              Domain.BACKUP,
                              new RestoreStarted(
                                  view.name, snapshot.id, view.name, null, false, true),
                              op))
                  .replaceWith(new Outcome.Accepted(view.name, op.correlationId()));
            });
  }

  /** The newest backup, replayed up to the newest recorded change when deltas reach further. */
  private Uni<Outcome> fromBackup(
      ClusterViewEntity view, Long lastKnown, boolean automatic, Operation op) {
    Uni<PointInTime.Plan> plan =
        lastKnown == null
            ? Uni.createFrom().nullItem()
            : PointInTimeSources.plan(view.name, null, lastKnown, null);
    return plan.flatMap(
        p -> {
          RestoreCluster newest =
              new RestoreCluster(view.name, null, null, null, view.name, null, null);
          if (p instanceof PointInTime.Replay replay && !replay.baseOnly()) {
            RestoreCluster upToLast =
                new RestoreCluster(view.name, null, null, null, view.name, lastKnown, null);
            return BackupEntity.<BackupEntity>findById(replay.base().id())
                .flatMap(
                    base ->
                        buildThenRestore(
                            upToLast, true, base, replay, QuorumLossRecovery.BACKUP, automatic, op))
                .call(
                    () ->
                        Uni.createFrom()
                            .voidItem()
                            .chain(
                                () ->
                                    announce(
                                        view.name,
                                        QuorumLossRecovery.BACKUP,
                                        replay.base().id(),
                                        null,
                                        lastKnown,
                                        lastKnown,
                                        automatic,
                                        op)));
          }
          return source(newest)
              .flatMap(
                  backup ->
                      backup == null
                          ? rejected(
                              RejectionCode.NOT_FOUND,
                              "cluster " + view.name + " has no completed backup to recover from",
                              "from",
                              "no backup")
                          : whole(newest, true, backup, QuorumLossRecovery.BACKUP, automatic, op)
                              .call(
                                  outcome ->
                                      outcome instanceof Outcome.Accepted
                                          ? Uni.createFrom()
                                              .voidItem()
                                              .chain(
                                                  () ->
                                                      announce(
                                                          view.name,
                                                          QuorumLossRecovery.BACKUP,
                                                          backup.id,
                                                          null,
                                                          backup.revision,
                                                          lastKnown,
                                                          automatic,
                                                          op))
                                          : Uni.createFrom().voidItem()));
        });
  }

  private Uni<Void> announce(
      String cluster,
      QuorumLossRecovery from,
      String backupId,
      String member,
      Long revision,
      Long lastKnown,
      boolean automatic,
      Operation op) {
    Long lost = revision != null && lastKnown != null ? Math.max(0, lastKnown - revision) : null;
    return outbox.append(
        Domain.BACKUP,
        new QuorumRecoveryStarted(
            cluster, from, backupId, member, revision, lastKnown, lost, automatic),
        op);
  }

  /** What a restore into a new cluster and one in place share: one at a time, then the source. */
  private Uni<Outcome> begin(RestoreCluster command, boolean inPlace, Operation op) {
    return running(command.into())
        .flatMap(
            running ->
                running != null
                    ? rejected(
                        RejectionCode.CONFLICT,
                        "a restore " + (inPlace ? "of " : "into ") + command.into() + " is running",
                        inPlace ? "cluster" : "into",
                        "restore running")
                    : source(command)
                        .flatMap(
                            backup ->
                                backup == null
                                    ? noSource(command)
                                    : command.atRevision() == null && command.atTime() == null
                                        ? whole(command, inPlace, backup, op)
                                        : pointInTime(command, inPlace, backup, op)));
  }

  /** Names one source and at most one target. */
  private static Outcome.Rejected malformed(RestoreCluster command) {
    if ((command.backupId() == null) == (command.fromCluster() == null)) {
      return new Outcome.Rejected(
          RejectionCode.INVALID_FIELD,
          "name the backup to restore (backupId) or the cluster whose backups to restore"
              + " (fromCluster), one of them",
          List.of(new FieldError("backupId", "name backupId or fromCluster, not both")));
    }
    if (command.atRevision() != null && command.atTime() != null) {
      return new Outcome.Rejected(
          RejectionCode.INVALID_FIELD,
          "restore to a revision (atRevision) or to a time (atTime), not both",
          List.of(new FieldError("atTime", "name atRevision or atTime, not both")));
    }
    return null;
  }

  /**
   * The named backup, or the source cluster's newest completed, uncorrupted one (for a target, the
   * plan chooses the full snapshot itself).
   */
  private static Uni<BackupEntity> source(RestoreCluster command) {
    if (command.backupId() != null) {
      return BackupEntity.findById(command.backupId());
    }
    return BackupEntity.<BackupEntity>find(
            "cluster = ?1 and state = ?2 and (verification is null or verification <> ?3)"
                + " order by completedAt desc",
            command.fromCluster(),
            BackupState.COMPLETED,
            BackupRunner.CORRUPT)
        .firstResult();
  }

  private static Uni<Outcome> noSource(RestoreCluster command) {
    return command.backupId() != null
        ? rejected(
            RejectionCode.NOT_FOUND,
            "no backup " + command.backupId(),
            "backupId",
            "no such backup")
        : rejected(
            RejectionCode.NOT_FOUND,
            "cluster " + command.fromCluster() + " has no completed backup",
            "fromCluster",
            "no completed backup");
  }

  /** A backup as it is, once it is known to be whole. */
  private Uni<Outcome> whole(
      RestoreCluster command, boolean inPlace, BackupEntity backup, Operation op) {
    return whole(command, inPlace, backup, null, false, op);
  }

  private Uni<Outcome> whole(
      RestoreCluster command,
      boolean inPlace,
      BackupEntity backup,
      QuorumLossRecovery recovery,
      boolean automatic,
      Operation op) {
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
    RestoreEntity restore = newRestore(command, inPlace, backup, op);
    restore.revision = backup.revision;
    restore.clusterRequested = true;
    restore.recovery = recovery;
    restore.automatic = automatic;
    return restore
        .persist()
        .chain(
            () ->
                outbox.append(
                    Domain.BACKUP,
                    new RestoreStarted(
                        restore.cluster,
                        backup.id,
                        backup.cluster,
                        backup.revision,
                        false,
                        inPlace),
                    op))
        .chain(() -> requestCluster(restore, backup, op))
        .replaceWith(new Outcome.Accepted(command.into(), op.correlationId()));
  }

  /**
   * A point in time: the plan is checked now (a target the recorded changes cannot reach is
   * refused, naming the field), then a point-in-time backup is built from it; the cluster is asked
   * for once that backup completed ({@link #backupBuilt}).
   */
  private Uni<Outcome> pointInTime(
      RestoreCluster command, boolean inPlace, BackupEntity named, Operation op) {
    String cluster = named.cluster;
    String baseId = command.backupId();
    return PointInTimeSources.plan(cluster, baseId, command.atRevision(), command.atTime())
        .flatMap(
            plan -> {
              if (plan instanceof PointInTime.Refused refused) {
                return rejected(
                    RejectionCode.INVALID_FIELD,
                    refused.field() + " " + refused.reason(),
                    refused.field(),
                    refused.reason());
              }
              PointInTime.Replay replay = (PointInTime.Replay) plan;
              return BackupEntity.<BackupEntity>findById(replay.base().id())
                  .flatMap(
                      base ->
                          replay.baseOnly() && replay.revision() != null
                              ? whole(command, inPlace, base, op)
                              : buildThenRestore(command, inPlace, base, replay, op));
            });
  }

  private Uni<Outcome> buildThenRestore(
      RestoreCluster command,
      boolean inPlace,
      BackupEntity base,
      PointInTime.Replay replay,
      Operation op) {
    return buildThenRestore(command, inPlace, base, replay, null, false, op);
  }

  private Uni<Outcome> buildThenRestore(
      RestoreCluster command,
      boolean inPlace,
      BackupEntity base,
      PointInTime.Replay replay,
      QuorumLossRecovery recovery,
      boolean automatic,
      Operation op) {
    BackupEntity built =
        toBuild(base.cluster, base.clusterToken, base.storage, BackupTrigger.POINT_IN_TIME, op);
    built.baseBackupId = base.id;
    built.targetRevision = replay.revision();
    built.targetTime = replay.time();
    RestoreEntity restore = newRestore(command, inPlace, built, op);
    restore.revision = replay.revision();
    restore.recovery = recovery;
    restore.automatic = automatic;
    restore.clusterRequested = false;
    return built
        .persist()
        .chain(restore::persist)
        .chain(() -> started(built, op))
        .chain(
            () ->
                outbox.append(
                    Domain.BACKUP,
                    new RestoreStarted(
                        restore.cluster, built.id, built.cluster, replay.revision(), true, inPlace),
                    op))
        .replaceWith(new Outcome.Accepted(command.into(), op.correlationId()));
  }

  /** A backup a restore builds first (a point in time, a survivor's snapshot), not yet taken. */
  private static BackupEntity toBuild(
      String cluster, String token, String storage, BackupTrigger trigger, Operation op) {
    BackupEntity backup = new BackupEntity();
    backup.id = BackupIds.next(cluster, Instant.now());
    backup.cluster = cluster;
    backup.clusterToken = token;
    backup.storage = storage;
    backup.trigger = trigger;
    backup.state = BackupState.RUNNING;
    backup.operationId = op.correlationId();
    backup.requestedAt = Instant.now();
    return backup;
  }

  private Uni<Void> started(BackupEntity backup, Operation op) {
    return outbox.append(
        Domain.BACKUP,
        new BackupStarted(
            backup.id, backup.cluster, backup.clusterToken, backup.storage, backup.trigger),
        op);
  }

  private static RestoreEntity newRestore(
      RestoreCluster command, boolean inPlace, BackupEntity backup, Operation op) {
    RestoreEntity restore = new RestoreEntity();
    restore.inPlace = inPlace;
    restore.id = op.correlationId();
    restore.cluster = command.into();
    restore.backupId = backup.id;
    restore.fromCluster = backup.cluster;
    restore.size = command.size() != null ? command.size() : 3;
    restore.version = command.version();
    restore.refused = "";
    restore.state = RestoreEntity.RUNNING;
    restore.operationId = op.correlationId();
    restore.requestedAt = Instant.now();
    return restore;
  }

  /** Asks cluster-service for the restore's cluster, its founding members starting from backup. */
  private Uni<Void> requestCluster(RestoreEntity restore, BackupEntity backup, Operation op) {
    String version =
        restore.version != null
            ? restore.version
            : EtcdVersion.tryFind(backup.etcdVersion)
                .map(v -> v.major() + "." + v.minor())
                .orElse(backup.etcdVersion);
    RestoreFrom from =
        new RestoreFrom(
            backup.id,
            config.advertisedUrl() + "/api/v1/backups/" + backup.id + "/artifact",
            backup.sha256,
            backup.revision);
    return outbox.append(
        Domain.CLUSTER,
        restore.inPlace
            ? new RestoreMembers(restore.cluster, from)
            : new CreateCluster(restore.cluster, restore.size, version, Provider.AGENTS, from),
        op);
  }

  /**
   * A backup a restore waits for completed (a point in time rebuilt, a survivor's snapshot), in the
   * transaction that completed it: the restore asks for its cluster, or its members, now.
   */
  public Uni<Void> backupBuilt(BackupEntity backup) {
    return RestoreEntity.<RestoreEntity>find(
            "backupId = ?1 and state = ?2 and clusterRequested = false",
            backup.id,
            RestoreEntity.RUNNING)
        .firstResult()
        .flatMap(
            restore -> {
              if (restore == null) {
                return Uni.createFrom().voidItem();
              }
              restore.revision = backup.revision;
              restore.clusterRequested = true;
              Operation op = new Operation(restore.operationId, null);
              Uni<Void> announced =
                  restore.recovery == QuorumLossRecovery.SURVIVOR
                      ? DeltaCursorEntity.<DeltaCursorEntity>findById(restore.cluster)
                          .flatMap(
                              cursor ->
                                  announce(
                                      restore.cluster,
                                      QuorumLossRecovery.SURVIVOR,
                                      backup.id,
                                      backup.member,
                                      backup.revision,
                                      cursor == null ? null : cursor.nextRevision - 1,
                                      restore.automatic,
                                      op))
                      : Uni.createFrom().voidItem();
              return announced.chain(() -> requestCluster(restore, backup, op));
            });
  }

  /** A backup a restore waits for failed for good: so does the restore. */
  public Uni<Void> backupFailed(BackupEntity backup, String reason) {
    return RestoreEntity.<RestoreEntity>find(
            "backupId = ?1 and state = ?2", backup.id, RestoreEntity.RUNNING)
        .firstResult()
        .flatMap(
            restore ->
                restore == null
                    ? Uni.createFrom().voidItem()
                    : fail(
                        restore,
                        (backup.trigger == BackupTrigger.QUORUM_RECOVERY
                                ? "the survivor's snapshot failed: "
                                : "rebuilding the point in time failed: ")
                            + reason));
  }

  /** The new cluster is ready: the restore is done. */
  public Uni<Void> ready(ClusterReady event) {
    return running(event.cluster())
        .flatMap(
            restore -> {
              if (restore == null || restore.inPlace) {
                return Uni.createFrom().voidItem();
              }
              return completed(restore, restore.revision, event.endpoints());
            });
  }

  /** A cluster restored in place is whole again: the restore is done. */
  public Uni<Void> restoredInPlace(MembersRestored event) {
    return running(event.cluster())
        .flatMap(
            restore -> {
              if (restore == null
                  || !restore.inPlace
                  || !restore.backupId.equals(event.backupId())) {
                return Uni.createFrom().voidItem();
              }
              return completed(restore, event.revision(), event.endpoints());
            });
  }

  private Uni<Void> completed(RestoreEntity restore, long revision, List<String> endpoints) {
    restore.state = RestoreEntity.COMPLETED;
    restore.completedAt = Instant.now();
    return outbox.append(
        Domain.BACKUP,
        new ClusterRestored(
            restore.cluster, restore.backupId, restore.fromCluster, revision, endpoints),
        new Operation(restore.operationId, null));
  }

  /** cluster-service refused the restore's {@code CreateCluster} or {@code RestoreMembers}. */
  public Uni<Void> refused(CommandRejected rejected, Operation op) {
    if (!CREATE_CLUSTER.equals(rejected.commandType())
        && !RESTORE_MEMBERS.equals(rejected.commandType())) {
      return Uni.createFrom().voidItem();
    }
    return running(rejected.subject())
        .flatMap(
            restore ->
                restore == null || !restore.operationId.equals(op.correlationId())
                    ? Uni.createFrom().voidItem()
                    : fail(
                        restore,
                        "cluster-service refused "
                            + (restore.inPlace ? "to restore the members: " : "the cluster: ")
                            + rejected.message()));
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

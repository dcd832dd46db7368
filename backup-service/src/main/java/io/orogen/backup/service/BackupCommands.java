package io.orogen.backup.service;

import io.orogen.backup.model.BackupIds;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.model.CronSchedule;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.storage.SnapshotStores;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.backup.BackupPolicySet;
import io.orogen.events.backup.BackupStarted;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.events.backup.VerifyBackup;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.text.Bounded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The backup commands, shared by the REST API and the Kafka consumer. Each method runs inside the
 * caller's transaction: the state change and its events commit together. An accepted command's
 * {@link Outcome.Accepted#aggregate()} is the backup's id, for the runner to take up.
 */
@ApplicationScoped
public class BackupCommands {

  /** {@code BackupDeleted.reason} of a backup deleted by a {@code DeleteBackup}. */
  public static final String REQUESTED = "Requested";

  /** {@code BackupDeleted.reason} of a backup its policy's retention expired. */
  public static final String RETENTION = "Retention";

  private final Outbox outbox;
  private final SnapshotStores stores;

  public BackupCommands(Outbox outbox, SnapshotStores stores) {
    this.outbox = outbox;
    this.stores = stores;
  }

  /** Accepts a backup of a known, provisioned cluster into a configured storage. */
  public Uni<Outcome> create(CreateBackup command, Operation op) {
    String storage = command.storage() != null ? command.storage() : stores.defaultName();
    BackupTrigger trigger = command.trigger() == null ? BackupTrigger.ON_DEMAND : command.trigger();
    if (trigger != BackupTrigger.ON_DEMAND && trigger != BackupTrigger.PRE_UPGRADE) {
      String why = "must be OnDemand or PreUpgrade: the others are backup-service's own";
      return rejected(
          new Outcome.Rejected(
              RejectionCode.INVALID_FIELD,
              "trigger " + why,
              List.of(new io.orogen.events.FieldError("trigger", why))));
    }
    return ClusterViewEntity.<ClusterViewEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              // The cluster first: an unknown one is named even when the storage is wrong too.
              if (cluster == null) {
                return rejected(noCluster(command.cluster()));
              }
              if (stores.byName(command.storage()).isEmpty()) {
                return rejected(unknownStorage(command.storage()));
              }
              if ("PROVISIONING".equals(cluster.phase)) {
                return rejected(
                    new Outcome.Rejected(
                        RejectionCode.CONFLICT,
                        "cluster "
                            + cluster.name
                            + " is still being created; back it up once it is ready"));
              }
              return BackupEntity.<BackupEntity>find(
                      "cluster = ?1 and state = ?2", cluster.name, BackupState.RUNNING)
                  .firstResult()
                  .flatMap(
                      running ->
                          running != null
                              ? rejected(
                                  new Outcome.Rejected(
                                      RejectionCode.CONFLICT,
                                      "backup "
                                          + running.id
                                          + " of cluster "
                                          + cluster.name
                                          + " is being taken; one backup of a cluster runs at a"
                                          + " time"))
                              : start(cluster, storage, trigger, op));
            });
  }

  /** Starts deleting a completed or failed backup; deleting one being deleted is accepted again. */
  public Uni<Outcome> delete(DeleteBackup command, Operation op) {
    return onBackup(
        command.cluster(),
        command.backupId(),
        backup -> {
          if (backup.state == BackupState.RUNNING) {
            return new Outcome.Rejected(
                RejectionCode.CONFLICT,
                "backup " + backup.id + " is being taken; delete it once it completed or failed");
          }
          if (backup.state != BackupState.DELETING) {
            backup.state = BackupState.DELETING;
            backup.deleteReason = REQUESTED;
            backup.operationId = op.correlationId();
          }
          return new Outcome.Accepted(backup.id, backup.operationId);
        });
  }

  /** Asks for a completed backup to be verified again (bit rot, a changed store …). */
  public Uni<Outcome> verify(VerifyBackup command, Operation op) {
    return onBackup(
        command.cluster(),
        command.backupId(),
        backup -> {
          if (backup.state != BackupState.COMPLETED) {
            return new Outcome.Rejected(
                RejectionCode.CONFLICT,
                "backup "
                    + backup.id
                    + " is "
                    + backup.state.name().toLowerCase()
                    + "; only a completed backup can be verified");
          }
          backup.verification = null;
          backup.verificationDetail = null;
          backup.operationId = op.correlationId();
          return new Outcome.Accepted(backup.id, op.correlationId());
        });
  }

  /**
   * {@code change} on backup {@code id} of {@code cluster}; {@code NotFound} naming the field else.
   */
  private static Uni<Outcome> onBackup(
      String cluster, String id, java.util.function.Function<BackupEntity, Outcome> change) {
    return BackupEntity.<BackupEntity>findById(id)
        .map(
            backup ->
                backup == null || !backup.cluster.equals(cluster)
                    ? new Outcome.Rejected(
                        RejectionCode.NOT_FOUND,
                        "no backup " + id + " of cluster " + cluster,
                        List.of(new FieldError("backupId", "no such backup")))
                    : change.apply(backup));
  }

  /**
   * Sets a cluster's backup policy; its next scheduled backup is due at the schedule's next time
   * from now.
   */
  public Uni<Outcome> setPolicy(SetBackupPolicy command, Operation op) {
    if (stores.byName(command.storage()).isEmpty()) {
      return rejected(unknownStorage(command.storage()));
    }
    CronSchedule schedule;
    try {
      schedule = command.schedule() == null ? null : CronSchedule.parse(command.schedule());
    } catch (IllegalArgumentException e) {
      return rejected(
          new Outcome.Rejected(
              RejectionCode.INVALID_FIELD,
              "schedule " + Bounded.id(command.schedule()) + " " + e.getMessage(),
              List.of(new FieldError("schedule", e.getMessage()))));
    }
    Instant now = Instant.now();
    Instant next = schedule == null ? null : schedule.nextAfter(now).orElse(null);
    String storage = command.storage() != null ? command.storage() : stores.defaultName();
    return ClusterViewEntity.<ClusterViewEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(noCluster(command.cluster()));
              }
              return BackupPolicyEntity.<BackupPolicyEntity>findById(cluster.name)
                  .flatMap(
                      existing -> {
                        BackupPolicyEntity policy =
                            existing != null ? existing : new BackupPolicyEntity();
                        policy.cluster = cluster.name;
                        policy.schedule = schedule == null ? null : schedule.toString();
                        policy.storage = storage;
                        policy.keepLast = command.keepLast();
                        policy.tiered = Boolean.TRUE.equals(command.tiered());
                        policy.deltaSeconds = command.deltaSeconds();
                        policy.quorumLossRecovery = command.quorumLossRecovery();
                        policy.verifyEvery = command.verifyEvery();
                        policy.nextFireAt = next;
                        policy.updatedAt = now;
                        return (existing != null
                                ? Uni.createFrom().voidItem()
                                : policy.persist().replaceWithVoid())
                            .chain(
                                () ->
                                    outbox.append(
                                        Domain.BACKUP,
                                        new BackupPolicySet(
                                            policy.cluster,
                                            policy.schedule,
                                            policy.storage,
                                            policy.keepLast,
                                            policy.tiered,
                                            policy.deltaSeconds,
                                            policy.quorumLossRecovery,
                                            policy.verifiesOneIn(),
                                            policy.nextFireAt),
                                        op))
                            .replaceWith(
                                (Outcome) new Outcome.Accepted(cluster.name, op.correlationId()));
                      });
            });
  }

  /** Records a new backup of {@code cluster} and its {@code BackupStarted}. */
  public Uni<Outcome> start(
      ClusterViewEntity cluster, String storage, BackupTrigger trigger, Operation op) {
    Instant now = Instant.now();
    BackupEntity backup = new BackupEntity();
    backup.id = BackupIds.next(cluster.name, now);
    backup.cluster = cluster.name;
    backup.clusterToken = cluster.token;
    backup.storage = storage;
    backup.trigger = trigger;
    backup.state = BackupState.RUNNING;
    backup.operationId = op.correlationId();
    backup.requestedAt = now;
    return backup
        .persist()
        .chain(
            () ->
                outbox.append(
                    Domain.BACKUP,
                    new BackupStarted(
                        backup.id, backup.cluster, backup.clusterToken, storage, trigger),
                    op))
        .replaceWith(new Outcome.Accepted(backup.id, op.correlationId()));
  }

  private Outcome.Rejected unknownStorage(String storage) {
    String why = "is not a configured storage; configured: " + String.join(", ", stores.names());
    return new Outcome.Rejected(
        RejectionCode.INVALID_FIELD,
        "storage " + storage + " " + why,
        List.of(new FieldError("storage", why)));
  }

  private static Outcome.Rejected noCluster(String cluster) {
    return new Outcome.Rejected(
        RejectionCode.NOT_FOUND,
        "no cluster named " + cluster,
        List.of(new FieldError("cluster", "no such cluster")));
  }

  private static Uni<Outcome> rejected(Outcome.Rejected rejected) {
    return Uni.createFrom().item(rejected);
  }
}

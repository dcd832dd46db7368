package io.orogen.backup.service;

import io.orogen.backup.model.BackupIds;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.storage.SnapshotStores;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.backup.BackupStarted;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
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

  private final Outbox outbox;
  private final SnapshotStores stores;

  public BackupCommands(Outbox outbox, SnapshotStores stores) {
    this.outbox = outbox;
    this.stores = stores;
  }

  /** Accepts a backup of a known, provisioned cluster into a configured storage. */
  public Uni<Outcome> create(CreateBackup command, Operation op) {
    if (stores.byName(command.storage()).isEmpty()) {
      String why = "is not a configured storage; configured: " + String.join(", ", stores.names());
      return rejected(
          new Outcome.Rejected(
              RejectionCode.INVALID_FIELD,
              "storage " + command.storage() + " " + why,
              List.of(new FieldError("storage", why))));
    }
    String storage = command.storage() != null ? command.storage() : stores.defaultName();
    return ClusterViewEntity.<ClusterViewEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(
                    new Outcome.Rejected(
                        RejectionCode.NOT_FOUND,
                        "no cluster named " + command.cluster(),
                        List.of(new FieldError("cluster", "no such cluster"))));
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
                              : start(cluster, storage, op));
            });
  }

  /** Starts deleting a completed or failed backup; deleting one being deleted is accepted again. */
  public Uni<Outcome> delete(DeleteBackup command, Operation op) {
    return BackupEntity.<BackupEntity>findById(command.backupId())
        .map(
            backup -> {
              if (backup == null || !backup.cluster.equals(command.cluster())) {
                return new Outcome.Rejected(
                    RejectionCode.NOT_FOUND,
                    "no backup " + command.backupId() + " of cluster " + command.cluster(),
                    List.of(new FieldError("backupId", "no such backup")));
              }
              if (backup.state == BackupState.RUNNING) {
                return new Outcome.Rejected(
                    RejectionCode.CONFLICT,
                    "backup "
                        + backup.id
                        + " is being taken; delete it once it completed or failed");
              }
              if (backup.state != BackupState.DELETING) {
                backup.state = BackupState.DELETING;
                backup.operationId = op.correlationId();
              }
              return new Outcome.Accepted(backup.id, backup.operationId);
            });
  }

  private Uni<Outcome> start(ClusterViewEntity cluster, String storage, Operation op) {
    Instant now = Instant.now();
    BackupEntity backup = new BackupEntity();
    backup.id = BackupIds.next(cluster.name, now);
    backup.cluster = cluster.name;
    backup.clusterToken = cluster.token;
    backup.storage = storage;
    backup.state = BackupState.RUNNING;
    backup.operationId = op.correlationId();
    backup.requestedAt = now;
    return backup
        .persist()
        .chain(
            () ->
                outbox.append(
                    Domain.BACKUP,
                    new BackupStarted(backup.id, backup.cluster, backup.clusterToken, storage),
                    op))
        .replaceWith(new Outcome.Accepted(backup.id, op.correlationId()));
  }

  private static Uni<Outcome> rejected(Outcome.Rejected rejected) {
    return Uni.createFrom().item(rejected);
  }
}

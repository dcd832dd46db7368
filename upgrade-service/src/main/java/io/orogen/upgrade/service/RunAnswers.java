package io.orogen.upgrade.service;

import io.orogen.events.CommandRejected;
import io.orogen.events.EtcdVersion;
import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupCorrupt;
import io.orogen.events.backup.BackupFailed;
import io.orogen.events.backup.BackupVerified;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.NodeRegistered;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.text.Bounded;
import io.orogen.upgrade.persistence.NodeViewEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * What backup-service and the node agents tell a run: its pre-upgrade backup's outcome (matched by
 * the run's correlation id, then by the backup's id), the releases each node can run, and the last
 * log lines of a member of a run that exited. Each method runs inside the inbox's transaction.
 */
@ApplicationScoped
public class RunAnswers {

  /** The most log lines kept of a member that exited. */
  static final int LOG_LINES = 20;

  public Uni<Outcome> backupCompleted(BackupCompleted event, Operation op) {
    return ClusterProjection.onRun(
        op.correlationId(),
        run -> {
          if (run.cluster.equals(event.cluster()) && run.backupId == null) {
            run.backupId = event.backupId();
            run.backupVerifies = Boolean.TRUE.equals(event.verifies());
          }
        });
  }

  public Uni<Outcome> backupFailed(BackupFailed event, Operation op) {
    return ClusterProjection.onRun(
        op.correlationId(), run -> run.backupFailure = Bounded.message(event.reason()));
  }

  public Uni<Outcome> backupVerified(BackupVerified event) {
    return byBackup(event.backupId(), run -> run.backupVerified = true);
  }

  public Uni<Outcome> backupCorrupt(BackupCorrupt event) {
    return byBackup(
        event.backupId(),
        run -> {
          run.backupVerified = false;
          run.backupFailure =
              "backup " + event.backupId() + " failed its verification: " + event.reason();
        });
  }

  /** backup-service refused the run's CreateBackup. */
  public Uni<Outcome> backupRefused(CommandRejected event) {
    if (event.commandId() == null) {
      return Uni.createFrom().item(ClusterProjection.none());
    }
    return UpgradeRunEntity.<UpgradeRunEntity>find("commandId", event.commandId())
        .firstResult()
        .flatMap(
            run ->
                run == null
                    ? Uni.createFrom().item(ClusterProjection.none())
                    : ClusterProjection.onRun(
                        run.id,
                        r ->
                            r.rejection =
                                event.code().name() + " " + Bounded.message(event.message())));
  }

  public Uni<Outcome> nodeRegistered(NodeRegistered event) {
    return NodeViewEntity.<NodeViewEntity>findById(event.node())
        .flatMap(
            existing -> {
              NodeViewEntity node = existing != null ? existing : new NodeViewEntity();
              node.name = event.node();
              node.versions =
                  String.join(
                      ",",
                      EtcdVersion.newestFirst(
                          event.etcdVersions() == null ? List.of() : event.etcdVersions()));
              node.updatedAt = Instant.now();
              return (existing != null
                      ? Uni.createFrom().item(node)
                      : node.<NodeViewEntity>persist())
                  .replaceWith(ClusterProjection.none());
            });
  }

  /**
   * A member a run works on exited by itself: counted while it is being restarted (it crashed on
   * the release it was started on), and its last lines go into the run's failure.
   */
  public Uni<Outcome> memberExited(MemberProcessExited event) {
    if (event.requested()) {
      return Uni.createFrom().item(ClusterProjection.none());
    }
    return UpgradeRunEntity.active(event.cluster())
        .flatMap(
            run ->
                run == null || !event.member().equals(run.currentMember())
                    ? Uni.createFrom().item(ClusterProjection.none())
                    : ClusterProjection.onRun(
                        run.id,
                        r -> {
                          if (r.stage == UpgradeRunEntity.Stage.RESTART) {
                            r.memberExits++;
                          }
                          List<String> lines = event.lastLogLines();
                          if (lines != null && !lines.isEmpty()) {
                            r.logTail =
                                Bounded.text(
                                    String.join(
                                        "\n",
                                        lines.subList(
                                            Math.max(0, lines.size() - LOG_LINES), lines.size())),
                                    8_000);
                          }
                        }));
  }

  private static Uni<Outcome> byBackup(
      String backupId, java.util.function.Consumer<UpgradeRunEntity> change) {
    return UpgradeRunEntity.<UpgradeRunEntity>find("backupId", backupId)
        .firstResult()
        .flatMap(
            run ->
                run == null
                    ? Uni.createFrom().item(ClusterProjection.none())
                    : ClusterProjection.onRun(run.id, change));
  }
}

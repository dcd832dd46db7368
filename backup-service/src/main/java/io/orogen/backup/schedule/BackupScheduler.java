package io.orogen.backup.schedule;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.model.CronSchedule;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.run.Backups;
import io.orogen.backup.service.BackupCommands;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.store.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Fires the backup policies' schedules, once each, whatever the number of instances.
 *
 * <ol>
 *   <li>Every {@code orogen.backup.schedule-tick}, list the policies whose next backup is due.
 *   <li>For each, in one transaction: move its next time to the schedule's next time from now, and
 *       start a backup. Two instances firing the same policy both change its row; the optimistic
 *       lock lets one commit, and the other, retried, sees it is no longer due: one backup.
 *   <li>A schedule that came due while no instance ran is due still: it fires once, late, and then
 *       keeps its times. A cluster with a backup running, or not ready yet, skips that time.
 * </ol>
 */
@ApplicationScoped
public class BackupScheduler {

  private static final Logger LOG = Logger.getLogger(BackupScheduler.class);

  private final BackupServiceConfig config;
  private final BackupCommands commands;
  private final Backups backups;
  private final Outbox outbox;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "backup-scheduler");
            thread.setDaemon(true);
            return thread;
          });

  public BackupScheduler(
      BackupServiceConfig config, BackupCommands commands, Backups backups, Outbox outbox) {
    this.config = config;
    this.commands = commands;
    this.backups = backups;
    this.outbox = outbox;
  }

  void onStart(@Observes StartupEvent start) {
    long tick = config.scheduleTick().toMillis();
    timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent stop) {
    timer.shutdownNow();
  }

  /** Step 1, then step 2 for each due policy. */
  void tick() {
    try {
      Instant now = Instant.now();
      List<String> due =
          Transactions.await(
              () ->
                  BackupPolicyEntity.<BackupPolicyEntity>list("nextFireAt <= ?1", now)
                      .map(all -> all.stream().map(p -> p.cluster).toList()));
      for (String cluster : due) {
        fire(cluster);
      }
    } catch (RuntimeException e) {
      LOG.warnf("firing backup schedules failed; next tick tries again: %s", e.getMessage());
    }
  }

  private void fire(String cluster) {
    Operation op = Operation.start();
    String backupId =
        Transactions.await(
            () ->
                BackupPolicyEntity.<BackupPolicyEntity>findById(cluster)
                    .flatMap(
                        policy -> {
                          Instant now = Instant.now();
                          if (policy == null
                              || policy.nextFireAt == null
                              || policy.nextFireAt.isAfter(now)) {
                            return Uni.createFrom().nullItem();
                          }
                          policy.lastFiredAt = now;
                          policy.nextFireAt =
                              policy.schedule == null
                                  ? null
                                  : CronSchedule.parse(policy.schedule).nextAfter(now).orElse(null);
                          return backUp(policy, op);
                        }));
    if (backupId != null) {
      outbox.wake();
      backups.request(backupId);
      LOG.infof(
          "scheduled backup %s of %s started (correlation %s)",
          backupId, cluster, op.correlationId());
    }
  }

  private Uni<String> backUp(BackupPolicyEntity policy, Operation op) {
    return ClusterViewEntity.<ClusterViewEntity>findById(policy.cluster)
        .flatMap(
            cluster -> {
              if (cluster == null || "PROVISIONING".equals(cluster.phase)) {
                LOG.infof(
                    "scheduled backup of %s skipped: the cluster is not ready", policy.cluster);
                return Uni.createFrom().nullItem();
              }
              return BackupEntity.<BackupEntity>find(
                      "cluster = ?1 and state = ?2", cluster.name, BackupState.RUNNING)
                  .firstResult()
                  .flatMap(
                      running -> {
                        if (running != null) {
                          LOG.infof(
                              "scheduled backup of %s skipped: backup %s is still being taken",
                              cluster.name, running.id);
                          return Uni.createFrom().nullItem();
                        }
                        return commands
                            .start(cluster, policy.storage, BackupTrigger.SCHEDULED, op)
                            .map(o -> ((Outcome.Accepted) o).aggregate());
                      });
            });
  }
}

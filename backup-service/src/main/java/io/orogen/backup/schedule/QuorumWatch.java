package io.orogen.backup.schedule;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.persistence.RestoreEntity;
import io.orogen.backup.run.Backups;
import io.orogen.backup.service.Restores;
import io.orogen.events.backup.QuorumLossRecovery;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.store.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Recovers clusters that lost their quorum, when their policy asks for it ({@code
 * quorumLossRecovery}).
 *
 * <ol>
 *   <li>Every {@code orogen.backup.schedule-tick}, list the clusters that have been without their
 *       quorum ({@code ClusterDegraded} QuorumLost, no {@code ClusterReady} since) for longer than
 *       {@code orogen.backup.quorum-loss-grace}.
 *   <li>For each whose policy says {@code Survivor} or {@code Backup}, and that has had no recovery
 *       since it lost its quorum, start one ({@link Restores#recover}). A restore of a cluster runs
 *       once at a time, so a second instance finds it running and does nothing.
 *   <li>One attempt per loss: a recovery that fails says why ({@code RestoreFailed}); a person
 *       decides what next ({@code RecoverQuorum}).
 * </ol>
 */
@ApplicationScoped
public class QuorumWatch {

  private static final Logger LOG = Logger.getLogger(QuorumWatch.class);

  private final BackupServiceConfig config;
  private final Restores restores;
  private final Backups backups;
  private final Outbox outbox;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "quorum-watch");
            thread.setDaemon(true);
            return thread;
          });

  public QuorumWatch(
      BackupServiceConfig config, Restores restores, Backups backups, Outbox outbox) {
    this.config = config;
    this.restores = restores;
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

  private record Lost(String cluster, QuorumLossRecovery recovery) {}

  void tick() {
    try {
      for (Lost cluster : due(Instant.now().minus(config.quorumLossGrace()))) {
        recover(cluster);
      }
    } catch (RuntimeException e) {
      LOG.warnf("looking for clusters that lost their quorum failed: %s", e.getMessage());
    }
  }

  /** Steps 1 and 2: the clusters without quorum since before {@code since} to recover now. */
  private static List<Lost> due(Instant since) {
    List<ClusterViewEntity> lost =
        Transactions.await(() -> ClusterViewEntity.list("quorumLostAt <= ?1", since));
    if (lost.isEmpty()) {
      return List.of();
    }
    List<String> names = lost.stream().map(v -> v.name).toList();
    List<BackupPolicyEntity> policies =
        Transactions.await(
            () ->
                BackupPolicyEntity.list(
                    "cluster in ?1 and quorumLossRecovery in ?2",
                    names,
                    List.of(QuorumLossRecovery.SURVIVOR, QuorumLossRecovery.BACKUP)));
    List<RestoreEntity> recoveries =
        Transactions.await(
            () -> RestoreEntity.list("cluster in ?1 and recovery is not null", names));
    return policies.stream()
        .filter(
            policy -> {
              Instant lostAt =
                  lost.stream()
                      .filter(v -> v.name.equals(policy.cluster))
                      .findFirst()
                      .orElseThrow()
                      .quorumLostAt;
              return recoveries.stream()
                  .noneMatch(
                      r -> r.cluster.equals(policy.cluster) && !r.requestedAt.isBefore(lostAt));
            })
        .map(policy -> new Lost(policy.cluster, policy.quorumLossRecovery))
        .toList();
  }

  private void recover(Lost lost) {
    Operation op = Operation.start();
    Outcome outcome =
        Transactions.await(() -> restores.recover(lost.cluster(), lost.recovery(), true, op));
    if (outcome instanceof Outcome.Accepted) {
      LOG.warnf(
          "cluster %s has been without its quorum for over %d s: recovering it from %s"
              + " (correlation %s)",
          lost.cluster(),
          config.quorumLossGrace().toSeconds(),
          lost.recovery(),
          op.correlationId());
      outbox.wake();
      backups.requestStartedBy(op.correlationId());
    } else if (outcome instanceof Outcome.Rejected rejected) {
      LOG.debugf("cluster %s: no recovery now: %s", lost.cluster(), rejected.message());
    }
  }
}

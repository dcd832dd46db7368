package io.orogen.backup.run;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.work.WorkQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@link BackupRunner} for each unfinished backup on a bounded pool of workers: at once for a
 * backup a command started, again when the runner asks, and for every unfinished or unverified
 * backup each {@code orogen.backup.sweep-interval} (so a backup whose taker died is taken up by a
 * successor).
 */
@ApplicationScoped
public class BackupQueue implements Backups {

  private final WorkQueue queue;
  private final BackupServiceConfig config;

  public BackupQueue(BackupRunner runner, BackupServiceConfig config) {
    this.config = config;
    this.queue =
        new WorkQueue(
            "backup-runner",
            config.workers(),
            runner::reconcile,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30));
  }

  void onStart(@Observes StartupEvent start) {
    queue.sweep(config.sweepInterval(), BackupQueue::unfinished);
  }

  @Override
  public void request(String backupId) {
    queue.request(backupId);
  }

  /** Looks the backups up on a worker thread: callers may be on the event loop. */
  @Override
  public void requestStartedBy(String operationId) {
    io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()
        .execute(
            () ->
                Transactions.await(
                        () ->
                            BackupEntity.<BackupEntity>list(
                                "operationId = ?1 and state = ?2",
                                operationId,
                                BackupState.RUNNING))
                    .forEach(b -> queue.request(b.id)));
  }

  private static List<String> unfinished() {
    return Transactions.await(
        () ->
            BackupEntity.<BackupEntity>list(
                    "state in ?1 or (state = ?2 and verification is null)",
                    List.of(BackupState.RUNNING, BackupState.DELETING),
                    BackupState.COMPLETED)
                .map(all -> all.stream().map(b -> b.id).toList()));
  }

  void onStop(@Observes ShutdownEvent stop) {
    queue.close();
  }
}

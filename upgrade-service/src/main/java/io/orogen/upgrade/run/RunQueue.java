package io.orogen.upgrade.run;

import io.orogen.kit.store.Transactions;
import io.orogen.kit.work.WorkQueue;
import io.orogen.upgrade.config.UpgradeServiceConfig;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@link UpgradeRunner} for each run still going: at once when a command or an answer concerns
 * it, when the runner asks, and for every active run each {@code orogen.upgrade.sweep-interval} (so
 * a successor takes over the runs of an instance that died).
 */
@ApplicationScoped
public class RunQueue {

  private final WorkQueue queue;
  private final UpgradeServiceConfig config;

  public RunQueue(UpgradeRunner runner, UpgradeServiceConfig config) {
    this.config = config;
    this.queue =
        new WorkQueue(
            "upgrade-runner",
            config.workers(),
            runner::reconcile,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30));
  }

  void onStart(@Observes StartupEvent start) {
    queue.sweep(config.sweepInterval(), RunQueue::active);
  }

  public void request(String runId) {
    queue.request(runId);
  }

  private static List<String> active() {
    return Transactions.await(
        () ->
            UpgradeRunEntity.<UpgradeRunEntity>list("state in ?1", UpgradeRunEntity.ACTIVE)
                .map(all -> all.stream().map(r -> r.id).toList()));
  }

  void onStop(@Observes ShutdownEvent stop) {
    queue.close();
  }
}

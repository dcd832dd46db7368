package io.orogen.cluster.reconcile;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.messaging.Reconciliations;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.work.WorkQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@link ClusterReconciler} for each cluster on a bounded pool of workers: at once for a
 * cluster an event or command touched, again when the reconciler asks, and for every cluster each
 * {@code orogen.cluster.sweep-interval}. One cluster is reconciled by one worker at a time; a slow
 * or unreachable cluster holds only its own worker.
 */
@ApplicationScoped
public class ClusterQueue implements Reconciliations {

  private final WorkQueue queue;
  private final ClusterServiceConfig config;

  public ClusterQueue(ClusterReconciler reconciler, ClusterServiceConfig config) {
    this.config = config;
    this.queue =
        new WorkQueue(
            "cluster-reconciler",
            config.reconcileWorkers(),
            reconciler::reconcile,
            Duration.ofMillis(500),
            Duration.ofSeconds(30));
  }

  void onStart(@Observes StartupEvent start) {
    queue.sweep(config.sweepInterval(), ClusterQueue::clusterNames);
  }

  @Override
  public void request(String cluster) {
    queue.request(cluster);
  }

  /** Forgets a cluster that is gone. */
  void forget(String cluster) {
    queue.forget(cluster);
  }

  private static List<String> clusterNames() {
    return Transactions.await(
        () ->
            ClusterEntity.<ClusterEntity>listAll()
                .map(all -> all.stream().map(c -> c.name).toList()));
  }

  void onStop(@Observes ShutdownEvent stop) {
    queue.close();
  }
}

package io.orogen.cluster.reconcile;

import io.orogen.cluster.messaging.Reconciliations;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs {@link ClusterReconciler} on a worker thread: at once for a cluster an event or command
 * touched, and for every cluster each {@code orogen.cluster.reconcile-interval}. A cluster waits at
 * most once in the queue.
 */
@ApplicationScoped
public class ReconcileLoop implements Reconciliations {

  private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

  private final ClusterReconciler reconciler;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "cluster-reconciler");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public ReconcileLoop(ClusterReconciler reconciler) {
    this.reconciler = reconciler;
  }

  @Override
  public void request(String cluster) {
    if (cluster != null && queued.add(cluster)) {
      worker.execute(
          () -> {
            queued.remove(cluster);
            try {
              reconciler.reconcile(cluster);
            } catch (RuntimeException e) {
              LOG.warnf(e, "cluster %s: reconcile failed; retrying on the next pass", cluster);
            }
          });
    }
  }

  @Scheduled(
      every = "${orogen.cluster.reconcile-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    if (stopping) {
      return; // the database may already be going away
    }
    List<String> names =
        Transactions.await(
            () ->
                ClusterEntity.<ClusterEntity>listAll()
                    .map(all -> all.stream().map(c -> c.name).toList()));
    names.forEach(this::request);
  }

  void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
    stopping = true;
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}

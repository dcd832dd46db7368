package io.orogen.backup.delta;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.etcd.Change;
import io.orogen.backup.etcd.ChangeFeed;
import io.orogen.backup.etcd.DeltaChunks;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.persistence.DeltaCursorEntity;
import io.orogen.backup.persistence.DeltaEntity;
import io.orogen.backup.storage.SnapshotStore;
import io.orogen.backup.storage.SnapshotStores;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.kit.lease.Leases;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.work.Requeue;
import io.orogen.kit.work.WorkQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records delta snapshots: every change of each cluster whose policy asks for them, written to the
 * policy's storage in chunks, so that a restore can rebuild the data as of any revision or time
 * after a full snapshot. One instance records a cluster at a time (its lease).
 *
 * <p>Each {@code deltaSeconds} (or sooner, when {@code orogen.backup.delta-chunk-bytes} wait), for
 * each cluster:
 *
 * <ol>
 *   <li>Hold the cluster's recording lease; without it, stop any recording of it here.
 *   <li>Without a recording, start one: a watch of the whole key space from the cursor's next
 *       revision — or, for a new cursor, from after the newest full snapshot (else from now). A
 *       revision etcd has compacted away cannot be watched: the recording starts again from the
 *       current revision, and the gap ends what point-in-time restores can reach across it.
 *   <li>Read the cluster's current revision, then take what the watch delivered; write it as one
 *       chunk, whole or not at all, and record the chunk and the moved cursor in one transaction
 *       (if the lease is still ours). The cursor's {@code coveredUntil} moves to the time of the
 *       read when the chunk reached the revision read: every change until then is recorded.
 *   <li>A failed write keeps nothing: the recording restarts from the cursor, and etcd's history
 *       delivers the same changes again.
 * </ol>
 */
@ApplicationScoped
public class DeltaRecorder {

  private static final Logger LOG = Logger.getLogger(DeltaRecorder.class);
  private static final String LEASE = "delta";

  private final BackupServiceConfig config;
  private final SnapshotStores stores;
  private final Leases leases;
  private final WorkQueue queue;
  private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

  /** A cluster's watch, and where it started. */
  private record Recording(ChangeFeed feed, long fromRevision) {}

  public DeltaRecorder(BackupServiceConfig config, SnapshotStores stores, Leases leases) {
    this.config = config;
    this.stores = stores;
    this.leases = leases;
    this.queue =
        new WorkQueue(
            "delta-recorder", 2, this::record, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  void onStart(@Observes StartupEvent start) {
    queue.sweep(config.sweepInterval(), this::recorded);
  }

  void onStop(@Observes ShutdownEvent stop) {
    queue.close();
    recordings.values().forEach(r -> r.feed().close());
    recordings.clear();
  }

  /** Looks at {@code cluster}'s recording now (its policy changed). */
  public void request(String cluster) {
    queue.request(cluster);
  }

  /** The clusters to record, and those recorded here (a policy may have stopped asking). */
  private List<String> recorded() {
    java.util.Set<String> clusters = new java.util.TreeSet<>(recordings.keySet());
    clusters.addAll(
        Transactions.await(
            () ->
                BackupPolicyEntity.<BackupPolicyEntity>list("deltaSeconds is not null")
                    .map(all -> all.stream().map(p -> p.cluster).toList())));
    return List.copyOf(clusters);
  }

  private record Target(BackupPolicyEntity policy, ClusterViewEntity cluster) {}

  /** The steps of the class comment for one cluster. */
  Requeue record(String name) {
    Target target =
        Transactions.await(
            () ->
                BackupPolicyEntity.<BackupPolicyEntity>findById(name)
                    .flatMap(
                        policy ->
                            ClusterViewEntity.<ClusterViewEntity>findById(name)
                                .map(cluster -> new Target(policy, cluster))));
    if (target.policy() == null
        || target.policy().deltaSeconds == null
        || target.cluster() == null
        || target.cluster().clientUrls().isEmpty()) {
      stop(name);
      return Requeue.done();
    }
    Duration every = Duration.ofSeconds(target.policy().deltaSeconds);
    Duration lease = config.leaseDuration().plus(every.multipliedBy(2));
    if (!Transactions.await(() -> leases.acquire(LEASE, name, lease))) {
      stop(name);
      return Requeue.after(config.leaseDuration());
    }
    try {
      Recording recording = recordings.get(name);
      if (recording == null) {
        recording = start(target.cluster());
        recordings.put(name, recording);
        return Requeue.after(every);
      }
      flush(name, target.policy(), recording, lease);
      return Requeue.after(every);
    } catch (IOException | RuntimeException e) {
      LOG.warnf(
          "cluster %s: recording its changes failed, starting again: %s", name, e.getMessage());
      stop(name);
      return Requeue.after(Duration.ofSeconds(2));
    }
  }

  /** Step 2. */
  private Recording start(ClusterViewEntity cluster) throws IOException {
    DeltaCursorEntity cursor =
        Transactions.await(() -> DeltaCursorEntity.<DeltaCursorEntity>findById(cluster.name));
    long from;
    if (cursor != null) {
      from = cursor.nextRevision;
    } else {
      BackupEntity newest =
          Transactions.await(
              () ->
                  BackupEntity.<BackupEntity>find(
                          "cluster = ?1 and state = ?2 and trigger <> ?3 order by revision desc",
                          cluster.name,
                          BackupState.COMPLETED,
                          BackupTrigger.POINT_IN_TIME)
                      .firstResult());
      from = newest != null && newest.revision != null ? newest.revision + 1 : 0;
    }
    List<String> endpoints = List.copyOf(cluster.clientUrls().values());
    ChangeFeed feed = feed(cluster.name, endpoints, Math.max(from, 1));
    if (from == 0) {
      // Nothing to follow on from: record from the current revision on.
      long current = feed.currentRevision();
      feed.close();
      from = current + 1;
      feed = feed(cluster.name, endpoints, from);
      moveCursor(cluster.name, from, null);
    }
    LOG.infof("cluster %s: recording its changes from revision %d", cluster.name, from);
    return new Recording(feed, from);
  }

  private ChangeFeed feed(String cluster, List<String> endpoints, long from) {
    return ChangeFeed.open(
        endpoints,
        from,
        config.deltaChunkBytes(),
        config.deltaChunkBytes() * 8L,
        () -> queue.request(cluster));
  }

  /** Steps 3 and 4. */
  private void flush(String name, BackupPolicyEntity policy, Recording recording, Duration lease)
      throws IOException {
    ChangeFeed feed = recording.feed();
    if (feed.failure() != null) {
      if (feed.compacted()) {
        long current = feed.currentRevision();
        LOG.warnf(
            "cluster %s: revision %d is compacted away; recording from %d on (a gap)",
            name, recording.fromRevision(), current + 1);
        moveCursor(name, current + 1, null);
      }
      throw new IOException(feed.failure());
    }
    Instant asked = Instant.now();
    long current = feed.currentRevision();
    List<Change> changes = feed.drain();
    if (changes.isEmpty()) {
      DeltaCursorEntity cursor =
          Transactions.await(() -> DeltaCursorEntity.<DeltaCursorEntity>findById(name));
      if (cursor == null) {
        moveCursor(
            name, recording.fromRevision(), current < recording.fromRevision() ? asked : null);
      } else if (current < cursor.nextRevision) {
        moveCursor(name, cursor.nextRevision, asked);
      }
      return;
    }
    long fromRevision = changes.get(0).revision();
    long toRevision = changes.get(changes.size() - 1).revision();
    SnapshotStore store = stores.get(policy.storage);
    String object =
        name + "/deltas/" + String.format("%020d-%020d.jsonl", fromRevision, toRevision);
    byte[] chunk = DeltaChunks.write(changes);
    SnapshotStore.Stored stored = store.write(object, new ByteArrayInputStream(chunk), bytes -> {});
    Instant coveredUntil = toRevision >= current ? asked : null;
    boolean recorded =
        Transactions.await(
            () ->
                leases
                    .acquire(LEASE, name, lease)
                    .flatMap(
                        held -> {
                          if (!held) {
                            return Uni.createFrom().item(false);
                          }
                          DeltaEntity delta = new DeltaEntity();
                          delta.cluster = name;
                          delta.fromRevision = fromRevision;
                          delta.toRevision = toRevision;
                          delta.firstAt = changes.get(0).seenAt();
                          delta.lastAt = changes.get(changes.size() - 1).seenAt();
                          delta.changes = changes.size();
                          delta.storage = store.name();
                          delta.location = stored.location();
                          delta.sizeBytes = stored.sizeBytes();
                          delta.sha256 = stored.sha256();
                          return delta
                              .persist()
                              .chain(() -> cursorTo(name, toRevision + 1, coveredUntil))
                              .replaceWith(true);
                        }));
    if (!recorded) {
      store.delete(stored.location());
      throw new IOException("another instance records " + name + " now");
    }
    LOG.debugf(
        "cluster %s: recorded revisions %d..%d (%d bytes)",
        name, fromRevision, toRevision, stored.sizeBytes());
    prune(name);
  }

  /**
   * Removes the chunks no restore can use any more: those wholly before the oldest full snapshot
   * the cluster keeps.
   */
  private void prune(String name) {
    List<DeltaEntity> unused =
        Transactions.await(
            () ->
                BackupEntity.<BackupEntity>find(
                        "cluster = ?1 and state = ?2 and trigger <> ?3 order by revision",
                        name,
                        BackupState.COMPLETED,
                        BackupTrigger.POINT_IN_TIME)
                    .firstResult()
                    .flatMap(
                        oldest ->
                            oldest == null || oldest.revision == null
                                ? Uni.createFrom().item(List.<DeltaEntity>of())
                                : DeltaEntity.<DeltaEntity>list(
                                    "cluster = ?1 and toRevision < ?2", name, oldest.revision)));
    for (DeltaEntity chunk : unused) {
      try {
        stores.get(chunk.storage).delete(chunk.location);
        Transactions.await(
            () ->
                DeltaEntity.delete(
                        "cluster = ?1 and fromRevision = ?2", chunk.cluster, chunk.fromRevision)
                    .replaceWithVoid());
      } catch (IOException | RuntimeException e) {
        LOG.warnf("cluster %s: removing an unused chunk failed: %s", name, e.getMessage());
        return;
      }
    }
  }

  private void moveCursor(String name, long next, Instant coveredUntil) {
    Transactions.await(() -> cursorTo(name, next, coveredUntil));
  }

  private static Uni<Void> cursorTo(String name, long next, Instant coveredUntil) {
    return DeltaCursorEntity.<DeltaCursorEntity>findById(name)
        .flatMap(
            existing -> {
              DeltaCursorEntity cursor = existing != null ? existing : new DeltaCursorEntity();
              cursor.cluster = name;
              cursor.nextRevision = next;
              if (coveredUntil != null) {
                cursor.coveredUntil = coveredUntil;
              }
              cursor.updatedAt = Instant.now();
              return existing != null
                  ? Uni.createFrom().voidItem()
                  : cursor.persist().replaceWithVoid();
            });
  }

  private void stop(String name) {
    Recording recording = recordings.remove(name);
    if (recording != null) {
      recording.feed().close();
    }
  }
}

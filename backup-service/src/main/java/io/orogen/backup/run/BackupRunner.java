package io.orogen.backup.run;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.etcd.EtcdSnapshots;
import io.orogen.backup.etcd.SnapshotTool;
import io.orogen.backup.model.BackupIds;
import io.orogen.backup.model.BackupState;
import io.orogen.backup.model.Retention;
import io.orogen.backup.model.SnapshotSource;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.backup.service.BackupCommands;
import io.orogen.backup.service.Restores;
import io.orogen.backup.storage.SnapshotStore;
import io.orogen.backup.storage.SnapshotStores;
import io.orogen.events.Domain;
import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupCorrupt;
import io.orogen.events.backup.BackupDeleted;
import io.orogen.events.backup.BackupFailed;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.events.backup.BackupVerified;
import io.orogen.kit.command.Operation;
import io.orogen.kit.lease.Leases;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.text.Bounded;
import io.orogen.kit.work.Requeue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Takes and deletes backups, one named step at a time, resumable after a crash at any step: a
 * backup still {@code RUNNING} when its taker died is taken again by whoever holds its lease next.
 *
 * <p>Taking a backup:
 *
 * <ol>
 *   <li>Hold the backup's lease (renewed while the snapshot streams; losing it aborts the stream).
 *   <li>Count the attempt; past {@code orogen.backup.attempts}, the backup fails for good.
 *   <li>Remove what an earlier, unfinished attempt left in storage.
 *   <li>Ask every member for its status and choose the source: a follower, furthest along. A
 *       point-in-time backup's source is a scratch member rebuilt from its base full snapshot and
 *       the delta snapshots after it ({@link PointInTimeBuilder}).
 *   <li>Stream the member's snapshot into storage, checksumming as it goes; the artifact appears
 *       under its name only when it is whole.
 *   <li>Read the revision and key count back from the stored artifact with etcd's own tool.
 *   <li>Record it completed with {@code BackupCompleted}, if the lease is still this instance's; a
 *       scheduled backup also expires the scheduled backups its policy no longer keeps.
 * </ol>
 *
 * A failed attempt is tried again after a back-off; the last one records {@code BackupFailed} and
 * removes anything it stored. A completed backup is then verified ({@link BackupVerifier}).
 */
@ApplicationScoped
public class BackupRunner {

  private static final Logger LOG = Logger.getLogger(BackupRunner.class);
  private static final String LEASE = "backup";

  /** {@code backup.verification} of a backup that restores what was backed up. */
  public static final String VERIFIED = "VERIFIED";

  /** {@code backup.verification} of a scheduled backup its policy's sampling leaves unverified. */
  public static final String NOT_SAMPLED = "NOT_SAMPLED";

  /** {@code backup.verification} of one that does not. */
  public static final String CORRUPT = "CORRUPT";

  private final BackupServiceConfig config;
  private final SnapshotStores stores;
  private final EtcdSnapshots etcd;
  private final SnapshotTool tool;
  private final Leases leases;
  private final Outbox outbox;
  private final Backups backups;
  private final BackupVerifier verifier;
  private final PointInTimeBuilder pointInTime;
  private final Restores restores;

  private final ScheduledExecutorService renewals =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "backup-lease-renewal");
            thread.setDaemon(true);
            return thread;
          });

  public BackupRunner(
      BackupServiceConfig config,
      SnapshotStores stores,
      EtcdSnapshots etcd,
      SnapshotTool tool,
      Leases leases,
      Outbox outbox,
      Backups backups,
      BackupVerifier verifier,
      PointInTimeBuilder pointInTime,
      Restores restores) {
    this.pointInTime = pointInTime;
    this.restores = restores;
    this.backups = backups;
    this.verifier = verifier;
    this.config = config;
    this.stores = stores;
    this.etcd = etcd;
    this.tool = tool;
    this.leases = leases;
    this.outbox = outbox;
  }

  /** Works on backup {@code id}; see the class comment. */
  public Requeue reconcile(String id) {
    BackupEntity backup = Transactions.await(() -> BackupEntity.<BackupEntity>findById(id));
    if (backup == null || !needsWork(backup)) {
      return Requeue.done();
    }
    if (!Transactions.await(() -> leases.acquire(LEASE, id, config.leaseDuration()))) {
      return Requeue.after(config.leaseDuration());
    }
    return switch (backup.state) {
      case DELETING -> delete(backup);
      case RUNNING -> take(backup);
      default -> verify(backup);
    };
  }

  private boolean needsWork(BackupEntity backup) {
    return backup.state.unfinished()
        || (config.verify()
            && backup.state == BackupState.COMPLETED
            && backup.verification == null);
  }

  private Requeue take(BackupEntity backup) {
    SnapshotStore store = stores.get(backup.storage);
    String object = BackupIds.objectName(backup.cluster, backup.id);
    if (backup.attempts >= config.attempts()) {
      return failForGood(backup, store, null);
    }
    int attempt = beginAttempt(backup.id);
    LOG.infof(
        "backup %s of %s: attempt %d (correlation %s)",
        backup.id, backup.cluster, attempt, backup.operationId);
    Instant started = Instant.now();
    SnapshotStore.Stored stored = null;
    try {
      store.discardPartial(object);
      ClusterViewEntity cluster =
          Transactions.await(() -> ClusterViewEntity.<ClusterViewEntity>findById(backup.cluster));
      if (cluster == null && backup.trigger != BackupTrigger.POINT_IN_TIME) {
        throw new IOException("cluster " + backup.cluster + " is gone");
      }
      PointInTimeBuilder.Built built = null;
      SnapshotSource.Status source;
      if (backup.trigger == BackupTrigger.POINT_IN_TIME) {
        built = pointInTime.build(backup);
        source = built.source();
      } else {
        source =
            SnapshotSource.choose(etcd.statuses(cluster.clientUrls()))
                .orElseThrow(
                    () ->
                        new IOException("no member of " + backup.cluster + " answers its status"));
      }
      long streaming = System.nanoTime();
      SnapshotTool.Status status;
      EtcdSnapshots.Contents contents;
      long inspecting;
      long reading;
      try (AutoCloseable scratch = built) {
        stored = streamInto(store, object, backup.id, source);
        inspecting = System.nanoTime();
        status = inspect(store, stored, source.version());
        if (built != null && status.revision() != built.revision()) {
          throw new IOException(
              "the rebuilt snapshot holds revision "
                  + status.revision()
                  + ", not "
                  + built.revision());
        }
        reading = System.nanoTime();
        contents = etcd.contents(source.clientUrl(), status.revision());
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e.getMessage(), e);
      }
      long completing = System.nanoTime();
      complete(backup.id, source, stored, status, contents, started);
      LOG.infof(
          "backup %s of %s: %d bytes at revision %d from %s in %d ms (streamed in %d ms,"
              + " inspected in %d ms, key count and hash read in %d ms)",
          backup.id,
          backup.cluster,
          stored.sizeBytes(),
          status.revision(),
          source.member(),
          Duration.between(started, Instant.now()).toMillis(),
          TimeUnit.NANOSECONDS.toMillis(inspecting - streaming),
          TimeUnit.NANOSECONDS.toMillis(reading - inspecting),
          TimeUnit.NANOSECONDS.toMillis(completing - reading));
      return Requeue.done();
    } catch (IOException | RuntimeException e) {
      String reason = Bounded.message(rootMessage(e));
      LOG.warnf(
          "backup %s of %s: attempt %d failed: %s", backup.id, backup.cluster, attempt, reason);
      if (stored != null) {
        deleteQuietly(store, stored.location());
      }
      if (attempt >= config.attempts()) {
        return failForGood(backup, store, reason);
      }
      Transactions.await(
          () ->
              BackupEntity.update("failure = ?1 where id = ?2", reason, backup.id)
                  .replaceWithVoid());
      return Requeue.after(config.retryFirst().multipliedBy(1L << Math.min(attempt - 1, 10)));
    }
  }

  private int beginAttempt(String id) {
    return Transactions.await(
        () ->
            BackupEntity.<BackupEntity>findById(id)
                .map(
                    b -> {
                      b.attempts++;
                      b.bytesDone = 0;
                      if (b.startedAt == null) {
                        b.startedAt = Instant.now();
                      }
                      return b.attempts;
                    }));
  }

  /** Step 5: the snapshot into storage, with the lease renewed meanwhile and progress recorded. */
  private SnapshotStore.Stored streamInto(
      SnapshotStore store, String object, String id, SnapshotSource.Status source)
      throws IOException {
    try (LeaseRenewal renewal = renew(id)) {
      return etcd.snapshot(
          source.clientUrl(),
          snapshot -> store.write(object, new LeaseGuard(snapshot, renewal, id), progress(id)));
    }
  }

  /** Records the bytes streamed so far, at most once a second (a database write each time). */
  private static java.util.function.LongConsumer progress(String id) {
    long[] last = {0};
    return bytes -> {
      long now = System.nanoTime();
      if (now - last[0] >= TimeUnit.SECONDS.toNanos(1)) {
        last[0] = now;
        Transactions.await(
            () -> BackupEntity.update("bytesDone = ?1 where id = ?2", bytes, id).replaceWithVoid());
      }
    };
  }

  /** Renews backup {@code id}'s lease until closed; says whether it was lost meanwhile. */
  private LeaseRenewal renew(String id) {
    AtomicBoolean lost = new AtomicBoolean();
    long every = Math.max(1000, config.leaseDuration().toMillis() / 3);
    ScheduledFuture<?> renewal =
        renewals.scheduleAtFixedRate(
            () -> {
              try {
                if (!Transactions.await(() -> leases.acquire(LEASE, id, config.leaseDuration()))) {
                  lost.set(true);
                }
              } catch (RuntimeException e) {
                LOG.warnf("backup %s: renewing its lease failed: %s", id, rootMessage(e));
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
    return new LeaseRenewal(renewal, lost);
  }

  private record LeaseRenewal(ScheduledFuture<?> renewal, AtomicBoolean lost)
      implements AutoCloseable {
    @Override
    public void close() {
      renewal.cancel(false);
    }
  }

  /**
   * Verifies a completed backup ({@link BackupVerifier}) and records {@code BackupVerified} or
   * {@code BackupCorrupt}; an error of this host is tried again after a back-off.
   */
  private Requeue verify(BackupEntity backup) {
    BackupVerifier.Verdict verdict;
    try (LeaseRenewal renewal = renew(backup.id)) {
      verdict = verifier.verify(backup);
      if (renewal.lost().get()) {
        return Requeue.done();
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "verifying backup " + backup.id + " failed: " + rootMessage(e), e);
    }
    Transactions.await(
        () ->
            BackupEntity.<BackupEntity>findById(backup.id)
                .flatMap(
                    b -> {
                      if (b == null || b.state != BackupState.COMPLETED || b.verification != null) {
                        return Uni.createFrom().voidItem();
                      }
                      b.verifiedAt = Instant.now();
                      Operation op = new Operation(b.operationId, null);
                      if (verdict instanceof BackupVerifier.Verified v) {
                        b.verification = VERIFIED;
                        b.verificationDetail =
                            v.keyCount()
                                + " keys, hash "
                                + v.hashKv()
                                + ", "
                                + v.durationMillis()
                                + " ms";
                        return outbox.append(
                            Domain.BACKUP,
                            new BackupVerified(
                                b.id,
                                b.cluster,
                                b.revision,
                                v.keyCount(),
                                v.hashKv(),
                                v.durationMillis()),
                            op);
                      }
                      String reason = Bounded.message(((BackupVerifier.Corrupt) verdict).reason());
                      b.verification = CORRUPT;
                      b.verificationDetail = reason;
                      return outbox.append(
                          Domain.BACKUP, new BackupCorrupt(b.id, b.cluster, reason), op);
                    }));
    outbox.wake();
    LOG.infof("backup %s of %s: %s", backup.id, backup.cluster, verdict);
    return Requeue.done();
  }

  /** Step 6: what etcd's tool reads from the stored artifact. */
  private SnapshotTool.Status inspect(
      SnapshotStore store, SnapshotStore.Stored stored, String version) throws IOException {
    Path scratch = config.workDir().resolve("scratch");
    Files.createDirectories(scratch);
    Path file = store.localFile(stored.location(), scratch);
    try {
      return tool.status(file, version);
    } finally {
      store.release(stored.location(), file);
    }
  }

  /** Step 7. */
  private void complete(
      String id,
      SnapshotSource.Status source,
      SnapshotStore.Stored stored,
      SnapshotTool.Status status,
      EtcdSnapshots.Contents contents,
      Instant started) {
    long millis = Duration.between(started, Instant.now()).toMillis();
    // The ids retention expired in the completing transaction, or null if it was not ours to
    // record.
    List<String> expired =
        Transactions.await(
            () ->
                leases
                    .acquire(LEASE, id, config.leaseDuration())
                    .flatMap(
                        held ->
                            !held
                                ? Uni.createFrom().<List<String>>nullItem()
                                : BackupEntity.<BackupEntity>findById(id)
                                    .flatMap(
                                        b ->
                                            recordCompleted(
                                                b, source, stored, status, contents, millis))));
    if (expired == null) {
      throw new IllegalStateException("backup " + id + " was taken over by another instance");
    }
    outbox.wake();
    expired.forEach(backups::request);
  }

  /** Records the backup completed; answers the ids retention expired, or null if not ours. */
  private Uni<List<String>> recordCompleted(
      BackupEntity b,
      SnapshotSource.Status source,
      SnapshotStore.Stored stored,
      SnapshotTool.Status status,
      EtcdSnapshots.Contents contents,
      long millis) {
    if (b == null || b.state != BackupState.RUNNING) {
      return Uni.createFrom().nullItem();
    }
    b.state = BackupState.COMPLETED;
    b.member = source.member();
    b.etcdVersion = source.version();
    b.revision = status.revision();
    b.totalKeys = status.totalKeys();
    b.keyCount = contents.keyCount();
    b.hashKv = contents.hashKv();
    b.sizeBytes = stored.sizeBytes();
    b.bytesDone = stored.sizeBytes();
    b.sha256 = stored.sha256();
    b.location = stored.location();
    b.failure = null;
    b.completedAt = Instant.now();
    b.durationMillis = millis;
    // A scheduled backup is sampled first: its event says whether a verification follows.
    return (b.trigger == BackupTrigger.SCHEDULED ? sample(b) : Uni.createFrom().voidItem())
        .chain(
            () ->
                outbox.append(
                    Domain.BACKUP,
                    new BackupCompleted(
                        b.id,
                        b.cluster,
                        b.clusterToken,
                        b.member,
                        b.revision,
                        b.totalKeys,
                        b.etcdVersion,
                        b.sizeBytes,
                        b.sha256,
                        b.storage,
                        b.location,
                        b.trigger,
                        b.startedAt,
                        millis,
                        config.verify() && b.verification == null),
                    new Operation(b.operationId, null)))
        .chain(
            () ->
                b.trigger == BackupTrigger.POINT_IN_TIME
                        || b.trigger == BackupTrigger.QUORUM_RECOVERY
                    ? restores.backupBuilt(b)
                    : Uni.createFrom().voidItem())
        .chain(
            () ->
                b.trigger == BackupTrigger.SCHEDULED
                    ? applyRetention(b)
                    : Uni.createFrom().item(List.<String>of()));
  }

  /**
   * Marks a scheduled backup unverified when its policy verifies one in {@code verifyEvery} and one
   * of the cluster's previous {@code verifyEvery - 1} scheduled backups was (or is being) verified:
   * the first is verified, then every {@code verifyEvery}-th, whatever retention removed meanwhile.
   */
  private Uni<Void> sample(BackupEntity b) {
    return BackupPolicyEntity.<BackupPolicyEntity>findById(b.cluster)
        .flatMap(
            policy -> {
              int every = policy == null ? 1 : policy.verifiesOneIn();
              if (every <= 1) {
                return Uni.createFrom().voidItem();
              }
              return BackupEntity.<BackupEntity>find(
                      "cluster = ?1 and trigger = ?2 and state = ?3 and id <> ?4"
                          + " order by completedAt desc",
                      b.cluster,
                      BackupTrigger.SCHEDULED,
                      BackupState.COMPLETED,
                      b.id)
                  .page(0, every - 1)
                  .list()
                  .invoke(
                      previous -> {
                        if (previous.stream().anyMatch(p -> !NOT_SAMPLED.equals(p.verification))) {
                          b.verification = NOT_SAMPLED;
                          b.verificationDetail =
                              "the policy verifies one scheduled backup in " + every;
                        }
                      })
                  .replaceWithVoid();
            });
  }

  /**
   * Marks the cluster's scheduled backups its policy no longer keeps for deletion, in the
   * transaction that completed {@code newest}; they are deleted once it committed.
   *
   * @return their ids
   */
  private Uni<List<String>> applyRetention(BackupEntity newest) {
    return BackupPolicyEntity.<BackupPolicyEntity>findById(newest.cluster)
        .flatMap(
            policy -> {
              if (policy == null) {
                return Uni.createFrom().item(List.<String>of());
              }
              Retention retention = new Retention(policy.keepLast, policy.tiered);
              return BackupEntity.<BackupEntity>list(
                      "cluster = ?1 and state = ?2 and trigger = ?3",
                      newest.cluster,
                      BackupState.COMPLETED,
                      BackupTrigger.SCHEDULED)
                  .map(
                      completed -> {
                        List<Retention.Kept> kept =
                            completed.stream()
                                .map(c -> new Retention.Kept(c.id, c.completedAt))
                                .toList();
                        Set<String> expired = retention.expired(kept, Instant.now());
                        List<String> deleting = new ArrayList<>();
                        for (BackupEntity c : completed) {
                          if (expired.contains(c.id) && !c.id.equals(newest.id)) {
                            c.state = BackupState.DELETING;
                            c.deleteReason = BackupCommands.RETENTION;
                            deleting.add(c.id);
                          }
                        }
                        return deleting;
                      });
            });
  }

  private Requeue failForGood(BackupEntity backup, SnapshotStore store, String reason) {
    try {
      store.discardPartial(BackupIds.objectName(backup.cluster, backup.id));
    } catch (IOException e) {
      LOG.warnf("backup %s: removing its partial artifact failed: %s", backup.id, e.getMessage());
    }
    Transactions.await(
        () ->
            BackupEntity.<BackupEntity>findById(backup.id)
                .flatMap(
                    b -> {
                      if (b == null || b.state != BackupState.RUNNING) {
                        return Uni.createFrom().voidItem();
                      }
                      b.state = BackupState.FAILED;
                      b.failure = reason != null ? reason : b.failure;
                      b.completedAt = Instant.now();
                      String why = b.failure != null ? b.failure : "no attempt succeeded";
                      return outbox
                          .append(
                              Domain.BACKUP,
                              new BackupFailed(b.id, b.cluster, why, b.attempts),
                              new Operation(b.operationId, null))
                          .chain(
                              () ->
                                  b.trigger == BackupTrigger.POINT_IN_TIME
                                          || b.trigger == BackupTrigger.QUORUM_RECOVERY
                                      ? restores.backupFailed(b, why)
                                      : Uni.createFrom().voidItem());
                    }));
    outbox.wake();
    LOG.warnf("backup %s of %s failed for good: %s", backup.id, backup.cluster, reason);
    return Requeue.done();
  }

  private Requeue delete(BackupEntity backup) {
    try {
      SnapshotStore store = stores.get(backup.storage);
      store.discardPartial(BackupIds.objectName(backup.cluster, backup.id));
      if (backup.location != null) {
        store.delete(backup.location);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "deleting backup " + backup.id + " from storage failed: " + e.getMessage(), e);
    }
    Transactions.await(
        () ->
            BackupEntity.<BackupEntity>findById(backup.id)
                .flatMap(
                    b ->
                        b == null || b.state != BackupState.DELETING
                            ? Uni.createFrom().voidItem()
                            : b.delete()
                                .chain(
                                    () ->
                                        outbox.append(
                                            Domain.BACKUP,
                                            new BackupDeleted(
                                                b.id,
                                                b.cluster,
                                                b.deleteReason != null
                                                    ? b.deleteReason
                                                    : BackupCommands.REQUESTED),
                                            new Operation(b.operationId, null)))
                                .chain(() -> leases.forget(LEASE, b.id))));
    outbox.wake();
    LOG.infof("backup %s of %s deleted", backup.id, backup.cluster);
    return Requeue.done();
  }

  private static void deleteQuietly(SnapshotStore store, String location) {
    try {
      store.delete(location);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("removing %s failed: %s", location, e.getMessage());
    }
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getMessage() != null ? failure.getMessage() : root.toString();
    return root != failure && root.getMessage() != null && !message.contains(root.getMessage())
        ? message + ": " + root.getMessage()
        : message;
  }

  /** The snapshot stream, cut off as soon as this instance no longer holds the backup's lease. */
  private static final class LeaseGuard extends java.io.FilterInputStream {
    private final LeaseRenewal renewal;
    private final String id;

    LeaseGuard(java.io.InputStream in, LeaseRenewal renewal, String id) {
      super(in);
      this.renewal = renewal;
      this.id = id;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (renewal.lost().get()) {
        throw new IOException("backup " + id + " was taken over by another instance");
      }
      return super.read(buffer, offset, length);
    }
  }
}

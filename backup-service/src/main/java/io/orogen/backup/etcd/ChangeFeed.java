package io.orogen.backup.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every change of a cluster's whole key space from a revision on, through one etcd watch, held in
 * memory until drained. Once {@code chunkBytes} wait, it says so (once until drained), so that they
 * are written sooner. The watch resumes by itself when a member goes away; it ends for good when
 * the revision it needs is compacted, when more is held than {@code limitBytes}, or on close.
 */
public final class ChangeFeed implements AutoCloseable {

  private static final ByteSequence ALL = ByteSequence.from(new byte[] {0});

  private final Client client;
  private final Watch.Watcher watcher;
  private final long chunkBytes;
  private final long limitBytes;
  private final Runnable full;
  private final TreeMap<Long, List<Change.Op>> pending = new TreeMap<>();
  private final TreeMap<Long, Instant> seen = new TreeMap<>();
  private long heldBytes;
  private volatile String failure;
  private volatile boolean compacted;

  private ChangeFeed(
      List<String> endpoints, long fromRevision, long chunkBytes, long limitBytes, Runnable full) {
    this.chunkBytes = chunkBytes;
    this.limitBytes = limitBytes;
    this.full = full;
    this.client =
        Client.builder()
            .endpoints(endpoints.toArray(String[]::new))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    this.watcher =
        client
            .getWatchClient()
            .watch(
                ALL,
                WatchOption.builder().withRange(ALL).withRevision(fromRevision).build(),
                Watch.listener(this::onResponse, this::onError, () -> onError(null)));
  }

  /** Starts watching every key from {@code fromRevision} on. */
  public static ChangeFeed open(
      List<String> endpoints, long fromRevision, long chunkBytes, long limitBytes, Runnable full) {
    return new ChangeFeed(endpoints, fromRevision, chunkBytes, limitBytes, full);
  }

  private synchronized void onResponse(WatchResponse response) {
    if (failure != null) {
      return;
    }
    Instant now = Instant.now();
    boolean wasBelow = heldBytes < chunkBytes;
    for (WatchEvent event : response.getEvents()) {
      KeyValue kv = event.getKeyValue();
      byte[] key = kv.getKey().getBytes();
      byte[] value =
          event.getEventType() == WatchEvent.EventType.DELETE ? null : kv.getValue().getBytes();
      pending
          .computeIfAbsent(kv.getModRevision(), r -> new ArrayList<>())
          .add(new Change.Op(key, value));
      seen.putIfAbsent(kv.getModRevision(), now);
      heldBytes += 16 + key.length + (value == null ? 0 : value.length);
    }
    if (heldBytes > limitBytes) {
      failure = "more than " + limitBytes + " bytes of changes waited to be written";
    } else if (wasBelow && heldBytes >= chunkBytes) {
      full.run();
    }
  }

  private void onError(Throwable error) {
    if (error instanceof CompactedException
        || (error != null && String.valueOf(error.getMessage()).contains("compacted"))) {
      compacted = true;
    }
    failure =
        error == null
            ? "the watch ended"
            : "the watch failed: " + (error.getMessage() != null ? error.getMessage() : error);
  }

  /** Takes every change received so far, in revision order. */
  public synchronized List<Change> drain() {
    List<Change> changes = new ArrayList<>(pending.size());
    pending.forEach((revision, ops) -> changes.add(new Change(revision, seen.get(revision), ops)));
    pending.clear();
    seen.clear();
    heldBytes = 0;
    return changes;
  }

  /** Why the feed ended, or null while it goes on. */
  public String failure() {
    return failure;
  }

  /** Whether it ended because the revision it needed is compacted away. */
  public boolean compacted() {
    return compacted;
  }

  /** The cluster's current revision (a linearizable read), asked now. */
  public long currentRevision() throws IOException {
    try {
      return client
          .getKVClient()
          .get(ALL, GetOption.builder().withRange(ALL).withCountOnly(true).build())
          .get(10, TimeUnit.SECONDS)
          .getHeader()
          .getRevision();
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("reading the current revision: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    failure = failure != null ? failure : "closed";
    try {
      watcher.close();
    } finally {
      client.close();
    }
  }
}

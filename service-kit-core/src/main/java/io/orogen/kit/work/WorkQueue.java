package io.orogen.kit.work;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a {@link Reconciler} for keys (aggregate ids) on a bounded pool of worker threads, the way
 * client-go's work queue does for controllers: one worker per key at a time, different keys in
 * parallel, so one slow aggregate never delays the others.
 *
 * <ol>
 *   <li>{@link #request} queues a key once, however often it is asked; a key asked for while it is
 *       being reconciled runs again right after.
 *   <li>A reconciler's {@link Requeue} asks for the key again after a while (give or take 10%, so
 *       that keys do not run in step); the earliest of the pending requests wins.
 *   <li>A reconciler that throws runs again after a back-off that doubles from {@code firstBackOff}
 *       to {@code maxBackOff}, reset by its next success.
 *   <li>Every {@code sweep} interval every key {@code keys} lists is requested, so an aggregate
 *       whose events were missed is still reconciled.
 * </ol>
 */
public final class WorkQueue implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkQueue.class);

  private final String name;
  private final Reconciler reconciler;
  private final Duration firstBackOff;
  private final Duration maxBackOff;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;

  // Guarded by this.
  private final Deque<String> queue = new ArrayDeque<>();
  private final Set<String> queued = new HashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> again = new HashSet<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private boolean closed;

  private record Pending(long dueNanos, ScheduledFuture<?> future) {}

  /**
   * @param name names the threads, for thread dumps and logs
   * @param workers how many keys are reconciled at once
   * @param reconciler what runs for a key
   * @param firstBackOff the wait after a first failure
   * @param maxBackOff the longest wait after failures
   */
  public WorkQueue(
      String name, int workers, Reconciler reconciler, Duration firstBackOff, Duration maxBackOff) {
    this.name = name;
    this.reconciler = reconciler;
    this.firstBackOff = firstBackOff;
    this.maxBackOff = maxBackOff;
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name + "-timer");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Reconciles {@code key} as soon as a worker is free. */
  public void request(String key) {
    if (key == null) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      cancelPending(key);
      if (running.contains(key)) {
        again.add(key);
        return;
      }
      if (!queued.add(key)) {
        return;
      }
      queue.addLast(key);
    }
    workers.execute(this::runNext);
  }

  /** Reconciles {@code key} after {@code delay}, unless it is requested sooner. */
  public void requestAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      request(key);
      return;
    }
    long due = System.nanoTime() + delay.toNanos();
    synchronized (this) {
      if (closed || queued.contains(key)) {
        return;
      }
      Pending current = pending.get(key);
      if (current != null && current.dueNanos() <= due) {
        return;
      }
      if (current != null) {
        current.future().cancel(false);
      }
      ScheduledFuture<?> future =
          timer.schedule(() -> dueNow(key, due), delay.toNanos(), TimeUnit.NANOSECONDS);
      pending.put(key, new Pending(due, future));
    }
  }

  /** Forgets a key whose aggregate is gone: its pending request and its back-off. */
  public synchronized void forget(String key) {
    cancelPending(key);
    failures.remove(key);
  }

  /** Requests every key of {@code keys} every {@code interval}, the first time after a second. */
  public void sweep(Duration interval, Supplier<Collection<String>> keys) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            keys.get().forEach(this::request);
          } catch (RuntimeException e) {
            LOG.warnf("%s: listing the keys to sweep failed: %s", name, e.toString());
          }
        },
        Math.min(1000, interval.toMillis()),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** How many keys wait for a worker. */
  public synchronized int depth() {
    return queue.size();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      pending.values().forEach(p -> p.future().cancel(false));
      pending.clear();
      queue.clear();
      queued.clear();
    }
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dueNow(String key, long due) {
    synchronized (this) {
      Pending current = pending.get(key);
      if (current == null || current.dueNanos() != due) {
        return;
      }
      pending.remove(key);
    }
    request(key);
  }

  private void cancelPending(String key) {
    Pending current = pending.remove(key);
    if (current != null) {
      current.future().cancel(false);
    }
  }

  private void runNext() {
    String key;
    synchronized (this) {
      key = queue.pollFirst();
      if (key == null || closed) {
        return;
      }
      queued.remove(key);
      running.add(key);
    }
    Requeue requeue;
    boolean failed = false;
    try {
      requeue = reconciler.reconcile(key);
    } catch (RuntimeException e) {
      failed = true;
      requeue = Requeue.after(backOff(key, e));
    } catch (Error e) {
      failed = true;
      LOG.errorf(e, "%s: reconciling %s failed", name, key);
      requeue = Requeue.after(maxBackOff);
    }
    boolean runAgain;
    synchronized (this) {
      running.remove(key);
      if (!failed) {
        failures.remove(key);
      }
      runAgain = again.remove(key);
    }
    if (runAgain) {
      request(key);
    } else if (requeue != null && requeue.after() != null) {
      requestAfter(key, jittered(requeue.after()));
    }
  }

  /**
   * {@code delay} give or take 10%: keys that ran together do not stay in step, nor a key with the
   * outside world's rhythm.
   */
  private static Duration jittered(Duration delay) {
    long nanos = delay.toNanos();
    long spread = nanos / 10;
    return spread <= 0
        ? delay
        : Duration.ofNanos(nanos - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
  }

  private Duration backOff(String key, RuntimeException failure) {
    int count;
    synchronized (this) {
      count = failures.merge(key, 1, Integer::sum);
    }
    Duration wait = firstBackOff.multipliedBy(1L << Math.min(count - 1, 20));
    if (wait.compareTo(maxBackOff) > 0) {
      wait = maxBackOff;
    }
    if (count == 1 || Integer.bitCount(count) == 1) {
      LOG.warnf(
          failure,
          "%s: reconciling %s failed (%d time%s in a row); again in %d ms",
          name,
          key,
          count,
          count == 1 ? "" : "s",
          wait.toMillis());
    }
    return wait;
  }
}

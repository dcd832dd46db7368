package io.orogen.kit.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  @Test
  void aSlowKeyDoesNotDelayTheOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> done = new CopyOnWriteArrayList<>();
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            2,
            key -> {
              if (key.equals("slow")) {
                waitFor(release);
              }
              done.add(key);
              return Requeue.done();
            },
            Duration.ofMillis(10),
            Duration.ofMillis(100))) {
      queue.request("slow");
      for (int i = 0; i < 20; i++) {
        queue.request("fast-" + i);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> done.size() == 20);
      assertThat(done).doesNotContain("slow");
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> done.contains("slow"));
    }
  }

  @Test
  void oneKeyRunsOnOneWorkerAtATimeAndAgainWhenAskedMeanwhile() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            4,
            key -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                waitFor(release);
              }
              running.decrementAndGet();
              return Requeue.done();
            },
            Duration.ofMillis(10),
            Duration.ofMillis(100))) {
      queue.request("a");
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 10; i++) {
        queue.request("a"); // while it runs: one more run afterwards, not ten
      }
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
      Thread.sleep(200);
      assertThat(runs).hasValue(2);
      assertThat(most).hasValue(1);
    }
  }

  @Test
  void aReconcilerAsksToRunAgainAndFailuresBackOff() {
    Map<String, List<Long>> times = new ConcurrentHashMap<>();
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            2,
            key -> {
              times.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
              if (key.equals("failing")) {
                throw new IllegalStateException("fails on purpose");
              }
              return Requeue.after(Duration.ofMillis(50));
            },
            Duration.ofMillis(20),
            Duration.ofMillis(160))) {
      queue.request("steady");
      queue.request("failing");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> times.get("failing") != null && times.get("failing").size() >= 6);
      List<Long> failing = times.get("failing");
      long firstGap = failing.get(1) - failing.get(0);
      long laterGap = failing.get(5) - failing.get(4);
      // The longest back-off (160 ms) give or take the queue's 10% jitter.
      assertThat(Duration.ofNanos(laterGap)).isGreaterThanOrEqualTo(Duration.ofMillis(144));
      assertThat(laterGap).isGreaterThan(firstGap);
      assertThat(times.get("steady")).hasSizeGreaterThan(5);
    }
  }

  @Test
  void theSweepRequestsEveryKey() {
    List<String> done = new CopyOnWriteArrayList<>();
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            1,
            key -> {
              done.add(key);
              return Requeue.done();
            },
            Duration.ofMillis(10),
            Duration.ofMillis(100))) {
      queue.sweep(Duration.ofMillis(100), () -> List.of("x", "y"));
      await().atMost(Duration.ofSeconds(5)).until(() -> done.size() >= 4);
      assertThat(done).contains("x", "y");
    }
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

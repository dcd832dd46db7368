package io.orogen.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.orogen.events.Domain;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.upgrade.MemberTiming;
import io.orogen.events.upgrade.UpgradeCluster;
import io.orogen.events.upgrade.UpgradeCompleted;
import io.orogen.events.upgrade.UpgradeFailed;
import io.orogen.events.upgrade.UpgradePlanned;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Rolling upgrades under a client that writes all the time: a jetcd client with every endpoint puts
 * one key every 10 ms, each put (retried on an unavailable endpoint) waiting for the one before (so
 * a stall shows as a gap), while upgrade-service rolls 3 and 5 members from 3.4 to 3.5 with its
 * defaults (a pre-upgrade backup, 10 s settle per member). Then the leader alone, restarted with
 * and without moving its leadership first, to show what the leader-last order buys.
 */
final class UpgradeBenchmark {

  private static final URI SOURCE = URI.create("/bench/upgrades");
  private static final Duration WAIT = Duration.ofMinutes(10);

  private final KafkaTestClient client;

  UpgradeBenchmark(KafkaTestClient client) {
    this.client = client;
  }

  List<String> run(String from, String to) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int size : List.of(3, 5)) {
      lines.add(rolling("roll-" + size, size, from, to));
    }
    lines.addAll(leaderAlone("crown", to));
    return lines;
  }

  /** A whole run through upgrade-service, with the writer on. */
  private String rolling(String name, int size, String from, String to) throws Exception {
    ClusterReady ready = create(name, size, from);
    Thread.sleep(3_000); // upgrade-service's picture of the cluster follows its events
    CloudEvent<UpgradeCluster> upgrade =
        CloudEvent.create(Domain.UPGRADE, SOURCE, new UpgradeCluster(name, to));
    Writer.Result writes;
    UpgradeCompleted completed;
    try (Writer writer = Writer.start(ready.endpoints())) {
      client.send(upgrade);
      UpgradePlanned planned =
          client
              .awaitEvent(UpgradePlanned.class, e -> e.correlationId().equals(upgrade.id()), WAIT)
              .data();
      completed = awaitEnd(planned.runId());
      writes = writer.stop();
    }
    long[] members = completed.members().stream().mapToLong(MemberTiming::durationMillis).toArray();
    String restarts =
        client.allEvents(MemberRestarted.class).stream()
            .filter(e -> e.correlationId().equals(completed.runId()))
            .map(e -> String.valueOf(e.data().durationMillis()))
            .distinct()
            .collect(Collectors.joining("/"));
    return String.format(
            "upgrade %s -> %s, %d members (backup + %d x restart + 10 s settle): %d ms in all, per"
                + " member %s ms (mean %d; the restarts alone %s ms); degraded %d ms; writer: %d puts,"
                + " %d failed, longest gap between two successful puts %d ms",
            from,
            to,
            size,
            size,
            completed.durationMillis(),
            completed.members().stream()
                .map(t -> String.valueOf(t.durationMillis()))
                .collect(Collectors.joining("/")),
            (long) java.util.Arrays.stream(members).average().orElse(0),
            restarts,
            completed.degradedMillis(),
            writes.puts(),
            writes.failed(),
            writes.longestGapMillis())
        + writes.failures();
  }

  /**
   * The leader restarted on {@code to} twice under the writer: once as upgrade-service does it
   * (leadership moved to a follower first), once straight away.
   */
  private List<String> leaderAlone(String name, String to) throws Exception {
    List<String> lines = new ArrayList<>();
    String from = "3.5.16".equals(to) ? "3.5.30" : "3.5.16";
    ClusterReady ready = create(name, 3, from);
    String[] versions = {to, from};
    for (int i = 0; i < 2; i++) {
      boolean moveFirst = i == 0;
      String version = versions[i];
      String leader = currentLeader(ready);
      try (Writer writer = Writer.start(ready.endpoints())) {
        Thread.sleep(1_000);
        if (moveFirst) {
          String heir =
              ready.members().stream()
                  .map(ClusterMember::name)
                  .filter(n -> !n.equals(leader))
                  .findFirst()
                  .orElseThrow();
          CloudEvent<TransferLeadership> transfer =
              CloudEvent.create(SOURCE, new TransferLeadership(name, heir));
          client.send(transfer);
          client.awaitEvent(LeaderMoved.class, e -> e.correlationId().equals(transfer.id()), WAIT);
        }
        CloudEvent<RestartMember> restart =
            CloudEvent.create(SOURCE, new RestartMember(name, leader, version));
        client.send(restart);
        MemberRestarted restarted =
            client
                .awaitEvent(
                    MemberRestarted.class, e -> e.correlationId().equals(restart.id()), WAIT)
                .data();
        Thread.sleep(1_000);
        Writer.Result writes = writer.stop();
        lines.add(
            String.format(
                    "the leader of a 3-member cluster restarted on %s %s: restart %d ms; writer: %d"
                        + " puts, %d failed, longest gap %d ms",
                    version,
                    moveFirst ? "after its leadership moved (what upgrades do)" : "while it leads",
                    restarted.durationMillis(),
                    writes.puts(),
                    writes.failed(),
                    writes.longestGapMillis())
                + writes.failures());
      }
      ready = awaitLeader(name);
    }
    // What a leader lost without any hand-over costs: SIGKILL, so etcd cannot move leadership
    // on its way down; cluster-service restarts it in place.
    String leader = currentLeader(ready);
    try (Writer writer = Writer.start(ready.endpoints())) {
      Thread.sleep(1_000);
      ProcessHandle process =
          EtcdKeys.processes(name).stream()
              .filter(p -> p.info().commandLine().orElse("").contains("--name=" + leader + " "))
              .findFirst()
              .orElseThrow();
      java.time.Instant killed = java.time.Instant.now();
      process.destroyForcibly();
      client.awaitEvent(
          ClusterReady.class,
          e -> e.data().cluster().equals(name) && e.time().isAfter(killed),
          WAIT);
      Thread.sleep(3_000);
      Writer.Result writes = writer.stop();
      lines.add(
          String.format(
                  "the leader of a 3-member cluster killed (SIGKILL, no hand-over): writer: %d puts, %d"
                      + " failed, longest gap %d ms",
                  writes.puts(), writes.failed(), writes.longestGapMillis())
              + writes.failures());
    }
    return lines;
  }

  private ClusterReady awaitLeader(String name) throws InterruptedException {
    // The ClusterReady after the restart names the roles; a new election may follow it.
    Thread.sleep(2_000);
    List<ClusterReady> all = client.all(ClusterReady.class);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).cluster().equals(name)) {
        return all.get(i);
      }
    }
    throw new IllegalStateException("no ClusterReady of " + name);
  }

  /** The member that leads now, as etcd's members say. */
  private static String currentLeader(ClusterReady ready) throws Exception {
    try (Client etcd =
        Client.builder().endpoints(ready.endpoints().toArray(String[]::new)).build()) {
      for (ClusterMember member : ready.members()) {
        var status =
            etcd.getMaintenanceClient().statusMember(member.clientUrl()).get(5, TimeUnit.SECONDS);
        if (status.getLeader() == status.getHeader().getMemberId()) {
          return member.name();
        }
      }
    }
    throw new IllegalStateException("no member of " + ready.cluster() + " leads");
  }

  private UpgradeCompleted awaitEnd(String runId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (UpgradeFailed failed : client.all(UpgradeFailed.class)) {
        if (failed.runId().equals(runId)) {
          throw new IllegalStateException("upgrade " + runId + " failed: " + failed.reason());
        }
      }
      for (UpgradeCompleted completed : client.all(UpgradeCompleted.class)) {
        if (completed.runId().equals(runId)) {
          return completed;
        }
      }
      sleep(200);
    }
    throw new IllegalStateException("upgrade " + runId + " did not end within " + WAIT);
  }

  private ClusterReady create(String name, int size, String version) {
    client.send(CloudEvent.create(SOURCE, new CreateCluster(name, size, version, null)));
    return client.await(ClusterReady.class, r -> r.cluster().equals(name), WAIT).data();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One put every 10 ms, each after the one before answered (or failed after 5 s). */
  static final class Writer implements AutoCloseable {

    record Result(long puts, long failed, long longestGapMillis, String failures) {}

    private static final io.etcd.jetcd.options.PutOption RETRY =
        io.etcd.jetcd.options.PutOption.builder().withAutoRetry().build();

    private final Client etcd;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long puts;
    private long failed;
    private long longestGapNanos;
    private volatile long lastSuccess;
    private final java.util.Map<String, Integer> failures =
        new java.util.concurrent.ConcurrentHashMap<>();

    private Writer(List<String> endpoints) {
      this.etcd =
          Client.builder().endpoints(endpoints.toArray(String[]::new)).retryMaxAttempts(5).build();
      this.thread = new Thread(this::write, "bench-writer");
    }

    static Writer start(List<String> endpoints) {
      Writer writer = new Writer(endpoints);
      writer.thread.start();
      return writer;
    }

    private void write() {
      lastSuccess = System.nanoTime();
      long next = System.nanoTime();
      while (running.get()) {
        ByteSequence key = ByteSequence.from("/bench/writer", StandardCharsets.UTF_8);
        ByteSequence value = ByteSequence.from(Long.toString(puts), StandardCharsets.UTF_8);
        puts++;
        try {
          // As etcd's own clients do, a put is tried again on another endpoint when the one it
          // went to is unavailable (a member being restarted); writing the same value twice does
          // no harm here.
          etcd.getKVClient().put(key, value, RETRY).get(5, TimeUnit.SECONDS);
          long now = System.nanoTime();
          longestGapNanos = Math.max(longestGapNanos, now - lastSuccess);
          lastSuccess = now;
        } catch (Exception e) {
          failed++;
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          failures.merge(String.valueOf(cause.getMessage()), 1, Integer::sum);
        }
        next += 10_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          sleep(wait / 1_000_000L);
        } else {
          next = System.nanoTime();
        }
      }
    }

    /** Stops writing; a stall still going on counts as a gap up to now. */
    Result stop() throws InterruptedException {
      long stopped = System.nanoTime();
      running.set(false);
      thread.join(10_000);
      long gap = Math.max(longestGapNanos, stopped - lastSuccess);
      return new Result(
          puts,
          failed,
          TimeUnit.NANOSECONDS.toMillis(gap),
          failures.isEmpty() ? "" : " " + failures);
    }

    @Override
    public void close() throws InterruptedException {
      if (running.get()) {
        stop();
      }
      etcd.close();
    }
  }
}

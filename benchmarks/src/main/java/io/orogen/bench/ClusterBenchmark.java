package io.orogen.bench;

import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.Platform;
import io.orogen.testing.FuzzRun;
import io.orogen.testing.KafkaTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures what a user of Orogen waits for, on the real platform (Kafka, PostgreSQL,
 * cluster-service and five node agents as processes), driving it only through Kafka commands.
 *
 * <ol>
 *   <li>Provisioning: {@code CreateCluster} sent → {@code ClusterReady} recorded, for 1, 3 and 5
 *       members, {@code orogen.bench.rounds} times each (default 5); each cluster is then deleted.
 *   <li>Recovery: in a 3-member cluster, {@code kill -9} of one member's process → {@code
 *       MemberFailed} recorded (detection) → {@code ClusterReady} again (whole), the same number of
 *       rounds, a different member each time. The member restarts in place, on its data.
 *   <li>Self-healing under kills: random {@code kill -9} of members of a 3-member cluster ({@code
 *       orogen.bench.chaos-rounds}, default 60), the same member ten times in a row, two members at
 *       once (quorum lost), all three at once → {@code ClusterReady} (whole), every key written
 *       before read back.
 *   <li>Lost data: a member's data directory deleted and its process killed → {@code MemberFailed}
 *       (DataLost) → {@code MemberReplaced} → {@code ClusterReady}: on a free node (3 members on 5
 *       nodes), and re-created in place (5 members on 5 nodes).
 *   <li>Replacement after a node is lost: {@code kill -9} of a node agent and its member → {@code
 *       MemberFailed} (NodeLost, after the 15 s node timeout) → {@code MemberReplaced} → {@code
 *       ClusterReady}; the agent then comes back and cleans up.
 *   <li>Scaling: {@code ScaleCluster} 3 → 5 and 5 → 3 → {@code ClusterScaled}.
 * </ol>
 *
 * Times run from the moment the command is sent (or the process killed) to the event's {@code
 * ce_time}, the moment cluster-service committed it. It prints a table.
 */
public final class ClusterBenchmark {

  private static final URI SOURCE = URI.create("/orogen/benchmark");
  private static final Duration WAIT = Duration.ofMinutes(2);

  private final KafkaTestClient client;
  private final Map<String, List<Duration>> results = new LinkedHashMap<>();

  private ClusterBenchmark(KafkaTestClient client) {
    this.client = client;
  }

  public static void main(String[] args) {
    int rounds = Integer.getInteger("orogen.bench.rounds", 5);
    String only = System.getProperty("orogen.bench.only", "");
    List<Integer> ports = FreePorts.take(7);
    System.setProperty("OROGEN_AGENTS", "5");
    // 50 clusters on five nodes: room for a dozen members each.
    System.setProperty("OROGEN_AGENT_MAX_MEMBERS", "16");
    System.setProperty("OROGEN_KAFKA_PORT", ports.get(0).toString());
    System.setProperty("OROGEN_KAFKA_CONTROLLER_PORT", ports.get(1).toString());
    System.setProperty("OROGEN_POSTGRES_PORT", ports.get(2).toString());
    System.setProperty("OROGEN_COORDINATION_ETCD_PORT", ports.get(3).toString());
    System.setProperty("OROGEN_CLUSTER_HTTP_PORT", ports.get(4).toString());
    System.setProperty("OROGEN_BACKUP_HTTP_PORT", ports.get(5).toString());
    System.setProperty("OROGEN_UPGRADE_HTTP_PORT", ports.get(6).toString());
    System.setProperty("OROGEN_AGENT_FIRST_HTTP_PORT", "28091");
    Platform platform = new Platform();
    int status = 0;
    try {
      platform.start();
      try (KafkaTestClient client =
          new KafkaTestClient(
              platform.address("KAFKA_BOOTSTRAP_SERVERS"),
              Topics.CLUSTER_EVENTS,
              Topics.NODE_EVENTS,
              Topics.BACKUP_EVENTS,
              Topics.UPGRADE_EVENTS)) {
        ClusterBenchmark benchmark = new ClusterBenchmark(client);
        benchmark.awaitNodes(5);
        if (only.isEmpty()) {
          benchmark.provisioning(rounds);
          benchmark.recovery(rounds);
          benchmark.kills(Integer.getInteger("orogen.bench.chaos-rounds", 60));
          benchmark.dataLoss(rounds);
          benchmark.nodeLoss(platform, rounds);
          benchmark.scaling(rounds);
        }
        if (only.isEmpty() || only.equals("isolation")) {
          benchmark.isolation(rounds);
        }
        String fuzz = null;
        if (only.isEmpty() || only.equals("fuzz")) {
          fuzz = benchmark.fuzz(platform, Integer.getInteger("orogen.bench.fuzz-records", 10_000));
        }
        List<String> backups = List.of();
        if (only.isEmpty() || only.equals("backup")) {
          backups =
              new BackupBenchmark(client).run(Integer.getInteger("orogen.bench.backup-mib", 1024));
        }
        List<String> upgrades = List.of();
        if (only.isEmpty() || only.equals("upgrade")) {
          upgrades = new UpgradeBenchmark(client).run("3.4.23", "3.5.16");
        }
        benchmark.print(rounds);
        if (fuzz != null) {
          System.out.println(fuzz);
        }
        backups.forEach(System.out::println);
        upgrades.forEach(System.out::println);
      }
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      platform.stop();
    }
    System.exit(status);
  }

  private void awaitNodes(int count) {
    for (int i = 1; i <= count; i++) {
      String node = "node-" + i;
      client.awaitEvent(
          io.orogen.events.node.NodeRegistered.class, e -> e.data().node().equals(node), WAIT);
    }
    // cluster-service has to have seen them too; its heartbeat projection is a second behind.
    sleep(Duration.ofSeconds(2));
  }

  private void provisioning(int rounds) {
    for (int size : new int[] {1, 3, 5}) {
      for (int round = 1; round <= rounds; round++) {
        String name = "bench-" + size + "-" + round;
        CloudEvent<CreateCluster> create =
            CloudEvent.create(SOURCE, new CreateCluster(name, size, "3.5", null));
        Instant sent = Instant.now();
        client.send(create);
        CloudEvent<ClusterReady> ready =
            client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals(name), WAIT);
        record(
            "CreateCluster -> ClusterReady, " + size + " member" + (size == 1 ? "" : "s"),
            Duration.between(sent, ready.time()));
        delete(name);
      }
    }
  }

  private void recovery(int rounds) {
    String name = "bench-heal";
    client.send(CloudEvent.create(SOURCE, new CreateCluster(name, 3, "3.5", null)));
    client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals(name), WAIT);
    for (int round = 1; round <= rounds; round++) {
      String member = name + "-" + (1 + (round - 1) % 3);
      List<MemberProcessStarted> starts = client.all(MemberProcessStarted.class);
      long pid =
          starts.stream()
              .filter(s -> s.member().equals(member))
              .reduce((first, second) -> second)
              .orElseThrow()
              .pid();
      Instant killed = Instant.now();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      CloudEvent<MemberFailed> failed =
          client.awaitEvent(
              MemberFailed.class,
              e -> e.data().member().equals(member) && e.time().isAfter(killed),
              WAIT);
      CloudEvent<ClusterReady> whole =
          client.awaitEvent(
              ClusterReady.class,
              e -> e.data().cluster().equals(name) && e.time().isAfter(failed.time()),
              WAIT);
      record(
          "kill -9 of a member -> MemberFailed (detect)", Duration.between(killed, failed.time()));
      record("kill -9 of a member -> ClusterReady (whole)", Duration.between(killed, whole.time()));
      sleep(Duration.ofSeconds(1));
    }
    delete(name);
  }

  private void kills(int rounds) throws Exception {
    String name = "bench-chaos";
    client.send(CloudEvent.create(SOURCE, new CreateCluster(name, 3, "3.5", null)));
    ClusterReady ready = awaitWhole(name, Instant.EPOCH);
    java.util.Random random = new java.util.Random(15);
    Map<String, String> keys = new LinkedHashMap<>();
    int healed = 0;
    for (int round = 1; round <= rounds; round++) {
      put(ready, keys, "chaos-" + round);
      Instant killed = killMember(ready.members().get(random.nextInt(3)).name());
      ready = awaitWhole(name, killed);
      record("random kill -9 of a member -> whole", Duration.between(killed, Instant.now()));
      checkKeys(ready, keys);
      healed++;
    }
    String same = ready.members().get(0).name();
    for (int i = 1; i <= 10; i++) {
      put(ready, keys, "same-" + i);
      Instant killed = killMember(same);
      ready = awaitWhole(name, killed);
      record("the same member killed 10x -> whole", Duration.between(killed, Instant.now()));
      checkKeys(ready, keys);
    }
    for (int round = 1; round <= 5; round++) {
      for (int count : new int[] {2, 3}) {
        put(ready, keys, "quorum-" + count + "-" + round);
        Instant killed = Instant.now();
        for (int m = 0; m < count; m++) {
          killMember(ready.members().get(m).name());
        }
        ready = awaitWhole(name, killed);
        record(
            (count == 2 ? "two" : "all three") + " members killed at once -> whole",
            Duration.between(killed, Instant.now()));
        checkKeys(ready, keys);
      }
    }
    System.out.printf("kills: healed %d/%d random rounds, every key intact%n", healed, rounds);
    delete(name);
  }

  private void dataLoss(int rounds) throws Exception {
    for (int size : new int[] {3, 5}) {
      String name = "bench-lost-" + size;
      client.send(CloudEvent.create(SOURCE, new CreateCluster(name, size, "3.5", null)));
      ClusterReady ready = awaitWhole(name, Instant.EPOCH);
      Map<String, String> keys = new LinkedHashMap<>();
      String where = size == 3 ? "on a free node" : "in place";
      for (int round = 1; round <= rounds; round++) {
        put(ready, keys, "lost-" + round);
        ClusterMember victim = ready.members().get(0);
        MemberProcessStarted started = lastStart(victim.name());
        Instant lost = Instant.now();
        io.orogen.testing.EtcdKeys.loseData(started.dataDir(), started.pid());
        MemberReplaced replaced =
            client
                .awaitEvent(
                    MemberReplaced.class,
                    e -> e.data().replacedMember().equals(victim.name()),
                    WAIT)
                .data();
        if ((size == 5) != replaced.member().node().equals(victim.node())) {
          throw new IllegalStateException(
              victim.name() + " was replaced on " + replaced.member().node());
        }
        ready = awaitWhole(name, lost);
        record("data dir lost -> whole, " + where, Duration.between(lost, Instant.now()));
        checkKeys(ready, keys);
        sleep(Duration.ofSeconds(1));
      }
      delete(name);
    }
  }

  private ClusterReady awaitWhole(String cluster, Instant since) {
    return client
        .awaitEvent(
            ClusterReady.class,
            e -> e.data().cluster().equals(cluster) && e.time().isAfter(since),
            WAIT)
        .data();
  }

  private Instant killMember(String member) {
    Instant now = Instant.now();
    ProcessHandle.of(lastPid(member)).ifPresent(ProcessHandle::destroyForcibly);
    return now;
  }

  private MemberProcessStarted lastStart(String member) {
    return client.all(MemberProcessStarted.class).stream()
        .filter(s -> s.member().equals(member))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  private static void put(ClusterReady ready, Map<String, String> keys, String key)
      throws Exception {
    io.orogen.testing.EtcdKeys.put(ready.endpoints(), "bench/" + key, key);
    keys.put("bench/" + key, key);
  }

  private static void checkKeys(ClusterReady ready, Map<String, String> keys) throws Exception {
    for (Map.Entry<String, String> key : keys.entrySet()) {
      String value = io.orogen.testing.EtcdKeys.get(ready.endpoints(), key.getKey());
      if (!key.getValue().equals(value)) {
        throw new IllegalStateException("key " + key.getKey() + " is " + value);
      }
    }
  }

  private void nodeLoss(Platform platform, int rounds) {
    String name = "bench-node";
    client.send(CloudEvent.create(SOURCE, new CreateCluster(name, 3, "3.5", null)));
    ClusterReady ready =
        client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals(name), WAIT).data();
    List<ClusterMember> members = new ArrayList<>(ready.members());
    for (int round = 1; round <= rounds; round++) {
      ClusterMember member = members.get(0);
      int node = Integer.parseInt(member.node().substring("node-".length()));
      Instant killed = Instant.now();
      platform.killNode(node);
      MemberReplaced replaced =
          recordReplacement(
              "node lost -> ",
              "MemberFailed (15 s node timeout)",
              name,
              member.name(),
              MemberFailure.NODE_LOST,
              killed);
      members.remove(member);
      members.add(replaced.member());
      platform.startAgent(node);
      client.awaitEvent(
          MemberDataRemoved.class, e -> e.data().member().equals(member.name()), WAIT);
      sleep(Duration.ofSeconds(2));
    }
    delete(name);
  }

  private void scaling(int rounds) {
    String name = "bench-scale";
    client.send(CloudEvent.create(SOURCE, new CreateCluster(name, 3, "3.5", null)));
    client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals(name), WAIT);
    for (int round = 1; round <= rounds; round++) {
      for (int size : new int[] {5, 3}) {
        CloudEvent<ScaleCluster> scale = CloudEvent.create(SOURCE, new ScaleCluster(name, size));
        Instant sent = Instant.now();
        client.send(scale);
        CloudEvent<ClusterScaled> scaled =
            client.awaitEvent(
                ClusterScaled.class, e -> scale.correlationId().equals(e.correlationId()), WAIT);
        record(
            "ScaleCluster " + (size == 5 ? "3 -> 5" : "5 -> 3") + " -> ClusterScaled",
            Duration.between(sent, scaled.time()));
      }
    }
    delete(name);
  }

  /**
   * One slow cluster must not delay the others: with 50 clusters on the platform, 5 of which have a
   * member that hangs (SIGSTOP: its process lives, its probes time out), {@code kill -9} of a
   * member of another cluster → {@code MemberFailed}.
   */
  private void isolation(int rounds) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 44; i++) {
      names.add("bench-iso-" + i);
    }
    List<String> stalled =
        List.of("bench-hung-1", "bench-hung-2", "bench-hung-3", "bench-hung-4", "bench-hung-5");
    names.addAll(stalled);
    for (String name : names) {
      client.send(CloudEvent.create(SOURCE, new CreateCluster(name, 1, "3.5", null)));
    }
    String measured = "bench-iso-watched";
    client.send(CloudEvent.create(SOURCE, new CreateCluster(measured, 3, "3.5", null)));
    names.add(measured);
    for (String name : names) {
      client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals(name), WAIT);
    }
    List<Long> hung = new ArrayList<>();
    for (String name : stalled) {
      hung.add(lastPid(name + "-1"));
    }
    hung.forEach(pid -> signal("STOP", pid));
    try {
      sleep(Duration.ofSeconds(5));
      for (int round = 1; round <= rounds; round++) {
        String member = measured + "-" + (1 + (round - 1) % 3);
        long pid = lastPid(member);
        Instant killed = Instant.now();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        CloudEvent<MemberFailed> failed =
            client.awaitEvent(
                MemberFailed.class,
                e -> e.data().member().equals(member) && e.time().isAfter(killed),
                WAIT);
        record(
            "kill -9 -> MemberFailed, 5 of 50 clusters hung",
            Duration.between(killed, failed.time()));
        client.awaitEvent(
            ClusterReady.class,
            e -> e.data().cluster().equals(measured) && e.time().isAfter(failed.time()),
            WAIT);
        sleep(Duration.ofSeconds(1));
      }
    } finally {
      hung.forEach(pid -> signal("CONT", pid));
    }
  }

  /**
   * The fuzz run of the test suite, larger: hostile records on every consumed topic with valid
   * commands between them; every one must be answered or dead-lettered.
   */
  private String fuzz(Platform platform, int records) throws Exception {
    List<String> nodes = List.of("node-1", "node-2", "node-3", "node-4", "node-5");
    FuzzRun.Report report =
        new FuzzRun(platform.address("KAFKA_BOOTSTRAP_SERVERS"), nodes, 20261203L)
            .run(records, Duration.ofMinutes(10));
    for (String name : FuzzRun.createdClusters(client)) {
      delete(name);
    }
    String line = "fuzz run (seed 20261203): " + report.table();
    if (!report.missing().isEmpty()) {
      line += "\nUNACCOUNTED: " + report.missing();
    }
    return line;
  }

  /** The pid of the member's latest process. */
  private long lastPid(String member) {
    return lastStart(member).pid();
  }

  private static void signal(String signal, long pid) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Awaits a member's failure, its replacement and the cluster whole again, and records each time
   * from {@code from}.
   */
  private MemberReplaced recordReplacement(
      String prefix,
      String failedLabel,
      String cluster,
      String member,
      MemberFailure failure,
      Instant from) {
    CloudEvent<MemberFailed> failed =
        client.awaitEvent(
            MemberFailed.class,
            e -> e.data().member().equals(member) && e.data().failure() == failure,
            WAIT);
    CloudEvent<MemberReplaced> replaced =
        client.awaitEvent(
            MemberReplaced.class, e -> e.data().replacedMember().equals(member), WAIT);
    CloudEvent<ClusterReady> whole =
        client.awaitEvent(
            ClusterReady.class,
            e ->
                e.data().cluster().equals(cluster)
                    && e.time().isAfter(replaced.time().minusMillis(1)),
            WAIT);
    record(prefix + failedLabel, Duration.between(from, failed.time()));
    record(prefix + "MemberReplaced", Duration.between(from, replaced.time()));
    record(prefix + "ClusterReady", Duration.between(from, whole.time()));
    return replaced.data();
  }

  private void delete(String name) {
    client.send(CloudEvent.create(SOURCE, new DeleteCluster(name)));
    client.awaitEvent(ClusterDeleted.class, e -> e.data().cluster().equals(name), WAIT);
  }

  private void record(String what, Duration took) {
    results.computeIfAbsent(what, k -> new ArrayList<>()).add(took);
  }

  private void print(int rounds) {
    System.out.println();
    System.out.printf(
        "Orogen cluster benchmark: %d rounds, 5 node agents, etcd 3.5 (newest patch), %d cores%n",
        rounds, Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "%-52s %4s %9s %9s %9s %9s%n", "measurement", "n", "median", "p90", "min", "max");
    results.forEach(
        (what, durations) -> {
          List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
          System.out.printf(
              "%-52s %4d %7d ms %7d ms %7d ms %7d ms%n",
              what,
              millis.size(),
              percentile(millis, 50),
              percentile(millis, 90),
              millis.get(0),
              millis.get(millis.size() - 1));
        });
  }

  private static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.orogen.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.CommandRejected;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
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
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.StartMember;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.orogen.testing.TestPlatform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cluster-service and five node agents as separate processes on a real Kafka and PostgreSQL, driven
 * only through Kafka records from a plain Kafka client, the way an outside system drives Orogen: a
 * cluster's whole life with a crashed member, a lost node and scaling; bad commands; two
 * cluster-service instances at once.
 */
class ClusterOperationsIT {

  static final URI SOURCE = URI.create("/tests/system");
  static final Duration WAIT = Duration.ofMinutes(2);
  static final int AGENTS = 5;
  static final int PORT_BASE = 25000;

  /** Agents beat every second in tests; a node silent for 5 s is lost. */
  static final Map<String, String> SETTINGS = Map.of("OROGEN_CLUSTER_NODE_TIMEOUT", "5s");

  static TestPlatform platform;
  static QuarkusAppProcess service;
  static final List<QuarkusAppProcess> agents = new ArrayList<>();
  static final List<Path> agentDirs = new ArrayList<>();

  KafkaTestClient client;

  @BeforeAll
  static void startPlatform() {
    platform = TestPlatform.start(Path.of(".."));
    service = platform.startClusterService("cluster-service", SETTINGS);
    for (int i = 1; i <= AGENTS; i++) {
      Path dir = WorkDirectory.newInstance("node-" + i);
      agentDirs.add(dir);
      agents.add(platform.startAgent(i, dir, PORT_BASE));
    }
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @BeforeEach
  void connect() {
    client =
        new KafkaTestClient(
            platform.kafka(),
            Topics.CLUSTER_EVENTS,
            Topics.NODE_EVENTS,
            Topics.NODE_COMMANDS,
            Topics.dlq(Topics.CLUSTER_COMMANDS));
    client.awaitNodes(AGENTS, WAIT);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void aClusterIsHealedThroughACrashAndALostNodeScaledAndDeleted() throws Exception {
    CloudEvent<CreateCluster> create =
        CloudEvent.create(SOURCE, new CreateCluster("ledger", 3, "3.5", null));
    client.send(create);
    ClusterReady ready = awaitReady("ledger", r -> true);
    EtcdKeys.put(ready.endpoints(), "orogen/ledger", "kept");

    // kill -9 one member: restarted in place, on its data.
    ClusterMember crashed = ready.members().get(0);
    long pid = lastPid(crashed.name());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    assertThat(awaitFailure(crashed.name(), MemberFailure.PROCESS_EXITED).node())
        .isEqualTo(crashed.node());
    client.awaitEvent(
        MemberProcessStarted.class,
        e -> e.data().member().equals(crashed.name()) && e.data().pid() != pid,
        WAIT);
    assertThat(EtcdKeys.get(List.of(crashed.clientUrl()), "orogen/ledger")).isEqualTo("kept");

    // A whole node goes: its agent and its member are killed. The member is replaced elsewhere.
    ClusterMember lost = ready.members().get(1);
    int lostIndex = Integer.parseInt(lost.node().substring("node-".length()));
    killNode(lostIndex);
    assertThat(awaitFailure(lost.name(), MemberFailure.NODE_LOST).node()).isEqualTo(lost.node());
    MemberReplaced replaced =
        client
            .awaitEvent(
                MemberReplaced.class,
                e ->
                    e.data().cluster().equals("ledger")
                        && e.data().replacedMember().equals(lost.name()),
                WAIT)
            .data();
    assertThat(replaced.replacedNode()).isEqualTo(lost.node());
    assertThat(replaced.member().node())
        .isNotIn(ready.members().stream().map(ClusterMember::node).toList());
    assertThat(EtcdKeys.get(List.of(replaced.member().clientUrl()), "orogen/ledger"))
        .isEqualTo("kept");
    awaitReady("ledger", r -> r.endpoints().contains(replaced.member().clientUrl()));

    // The node comes back: the agent stops the replaced member and removes its data.
    agents.set(
        lostIndex - 1, platform.startAgent(lostIndex, agentDirs.get(lostIndex - 1), PORT_BASE));
    client.awaitEvent(MemberDataRemoved.class, e -> e.data().member().equals(lost.name()), WAIT);

    // Scale 3 -> 5 -> 3 with commands; each answers ClusterScaled under its own correlation id.
    // cluster-service is killed once the first new member runs; its successor finishes the job.
    CloudEvent<ScaleCluster> out = CloudEvent.create(SOURCE, new ScaleCluster("ledger", 5));
    client.send(out);
    client.awaitEvent(MemberProcessStarted.class, e -> e.data().member().equals("ledger-5"), WAIT);
    service.kill();
    service = platform.startClusterService("cluster-service", SETTINGS);
    CloudEvent<ClusterScaled> grown =
        client.awaitEvent(
            ClusterScaled.class,
            e -> e.data().cluster().equals("ledger") && e.data().size() == 5,
            WAIT);
    assertThat(grown.correlationId()).isEqualTo(out.correlationId());
    assertThat(grown.data().members()).hasSize(5);
    assertThat(grown.data().members()).extracting(ClusterMember::node).doesNotHaveDuplicates();
    assertThat(EtcdKeys.processes("ledger")).hasSize(5);

    CloudEvent<ScaleCluster> in = CloudEvent.create(SOURCE, new ScaleCluster("ledger", 3));
    client.send(in);
    ClusterScaled shrunk =
        client
            .awaitEvent(
                ClusterScaled.class,
                e -> e.data().cluster().equals("ledger") && e.data().size() == 3,
                WAIT)
            .data();
    assertThat(shrunk.previousSize()).isEqualTo(5);
    assertThat(EtcdKeys.get(shrunk.endpoints(), "orogen/ledger")).isEqualTo("kept");
    await(() -> EtcdKeys.processes("ledger").size() == 3, "two members stopped");

    delete("ledger");
  }

  @Test
  void badCommandsAreAnsweredAndDeadLetteredWithoutAnEffect() {
    // Not JSON.
    client.send(raw("not-json-1", "io.orogen.cluster.CreateCluster.v1", "{not json"));
    assertThat(rejection("not-json-1").code()).isEqualTo(RejectionCode.UNREADABLE_RECORD);
    assertDeadLettered("not-json-1");

    // A type no one knows.
    client.send(raw("unknown-1", "io.orogen.cluster.ExplodeCluster.v1", "{}"));
    assertThat(rejection("unknown-1").code()).isEqualTo(RejectionCode.UNKNOWN_TYPE);
    assertDeadLettered("unknown-1");

    // An invalid size, named.
    CloudEvent<CreateCluster> invalid =
        CloudEvent.create(SOURCE, new CreateCluster("sizes", 4, "3.5", null));
    client.send(invalid);
    CommandRejected badSize = rejection(invalid.id());
    assertThat(badSize.code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(badSize.fieldErrors()).extracting(f -> f.field()).containsExactly("size");
    assertDeadLettered(invalid.id());

    // The same command twice (one effect), then the same name under a new id (rejected).
    CloudEvent<CreateCluster> create =
        CloudEvent.create(SOURCE, new CreateCluster("once", 1, "3.5", null));
    client.send(create);
    client.send(create);
    awaitReady("once", r -> true);
    CloudEvent<CreateCluster> again =
        CloudEvent.create(SOURCE, new CreateCluster("once", 1, "3.5", null));
    client.send(again);
    assertThat(rejection(again.id()).code()).isEqualTo(RejectionCode.NAME_TAKEN);
    assertThat(client.allEvents(ClusterAccepted.class))
        .filteredOn(e -> e.data().cluster().equals("once"))
        .extracting(CloudEvent::id)
        .hasSize(1);
    assertThat(EtcdKeys.processes("once")).hasSize(1);

    delete("once");
  }

  @Test
  void twoClusterServiceInstancesNeverActOnOneClusterTwice() {
    QuarkusAppProcess second = platform.startClusterService("cluster-service-2", SETTINGS);
    try {
      CloudEvent<CreateCluster> create =
          CloudEvent.create(SOURCE, new CreateCluster("shared", 5, "3.5", null));
      client.send(create);
      awaitReady("shared", r -> true);
      // Every member was started by exactly one StartMember (distinct ids: the relay may send a
      // record twice, with the same id).
      Map<String, Long> starts =
          client.allEvents(StartMember.class).stream()
              .filter(e -> e.data().cluster().equals("shared"))
              .collect(
                  Collectors.groupingBy(
                      e -> e.data().member(),
                      Collectors.mapping(
                          CloudEvent::id,
                          Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
      assertThat(starts).hasSize(5).allSatisfy((member, count) -> assertThat(count).isEqualTo(1));
      assertThat(client.allEvents(ClusterReady.class))
          .filteredOn(e -> e.data().cluster().equals("shared"))
          .extracting(CloudEvent::id)
          .doesNotHaveDuplicates()
          .hasSize(1);
      assertThat(EtcdKeys.processes("shared")).hasSize(5);
      delete("shared");
    } finally {
      second.close();
    }
  }

  private ClusterReady awaitReady(String cluster, java.util.function.Predicate<ClusterReady> also) {
    return client
        .awaitEvent(
            ClusterReady.class,
            e -> e.data().cluster().equals(cluster) && also.test(e.data()),
            WAIT)
        .data();
  }

  private MemberFailed awaitFailure(String member, MemberFailure failure) {
    return client
        .awaitEvent(
            MemberFailed.class,
            e -> e.data().member().equals(member) && e.data().failure() == failure,
            WAIT)
        .data();
  }

  private CommandRejected rejection(String commandId) {
    return client
        .awaitEvent(CommandRejected.class, e -> commandId.equals(e.data().commandId()), WAIT)
        .data();
  }

  private void assertDeadLettered(String commandId) {
    var record =
        client.awaitRecord(
            r ->
                r.topic().equals(Topics.dlq(Topics.CLUSTER_COMMANDS))
                    && commandId.equals(CloudEventCodec.get(r.headers(), "ce_id")),
            WAIT,
            "dead letter of " + commandId);
    assertThat(CloudEventCodec.get(record.headers(), "dead-letter-reason")).isNotBlank();
  }

  private long lastPid(String member) {
    return client.all(MemberProcessStarted.class).stream()
        .filter(s -> s.member().equals(member))
        .reduce((a, b) -> b)
        .orElseThrow()
        .pid();
  }

  /** kill -9 of node {@code i}'s agent and of every member it runs: the host is gone. */
  private static void killNode(int i) {
    agents.get(i - 1).kill();
    String dataRoot = agentDirs.get(i - 1).resolve("data").toAbsolutePath().toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/etcd"))
        .filter(p -> p.info().commandLine().orElse("").contains(dataRoot))
        .forEach(ProcessHandle::destroyForcibly);
  }

  private static ProducerRecord<String, byte[]> raw(String id, String type, String json) {
    Headers headers = CloudEventCodec.headers(id, SOURCE, type, "raw", Instant.now(), id, null);
    return new ProducerRecord<>(
        Topics.CLUSTER_COMMANDS, null, "raw", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  private void delete(String cluster) {
    client.send(CloudEvent.create(SOURCE, new DeleteCluster(cluster)));
    client.awaitEvent(ClusterDeleted.class, e -> e.data().cluster().equals(cluster), WAIT);
    assertThat(EtcdKeys.processes(cluster)).isEmpty();
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(200);
    }
  }
}

package io.orogen.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.orogen.events.Domain;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeRegistered;
import io.orogen.events.testing.KafkaTestClient;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.kafka.InJvmKafka;
import io.orogen.runtime.postgres.LocalPostgres;
import io.orogen.runtime.services.EtcdMemberSweep;
import io.orogen.runtime.services.QuarkusAppProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cluster-service and three node agents as separate processes on a real Kafka and PostgreSQL,
 * driven only through Kafka commands, with processes killed on purpose.
 */
class FaultToleranceIT {

  static final URI SOURCE = URI.create("/tests/system");
  static final Duration WAIT = Duration.ofMinutes(2);

  static InJvmKafka kafka;
  static LocalPostgres postgres;
  static String etcdDir;
  static final List<QuarkusAppProcess> agents = new ArrayList<>();
  static QuarkusAppProcess service;

  KafkaTestClient client;

  @BeforeAll
  static void startPlatform() {
    kafka = InJvmKafka.start(WorkDirectory.newInstance("kafka"));
    kafka.createTopics(
        Stream.of(Domain.CLUSTER, Domain.NODE)
            .flatMap(
                d ->
                    Stream.of(
                        d.commandsTopic(),
                        d.eventsTopic(),
                        Topics.dlq(d.commandsTopic()),
                        Topics.dlq(d.eventsTopic())))
            .toList(),
        3);
    postgres =
        LocalPostgres.start(
            WorkDirectory.newInstance("postgres"),
            WorkDirectory.root().resolve("postgres-binaries"),
            0);
    postgres.createDatabase("cluster");
    etcdDir = EtcdDistribution.discover().root().toString();
    service = startClusterService();
    for (int i = 1; i <= 3; i++) {
      agents.add(startAgent(i, WorkDirectory.newInstance("node-" + i)));
    }
  }

  @AfterAll
  static void stopPlatform() {
    agents.forEach(QuarkusAppProcess::close);
    if (service != null) {
      service.close();
    }
    EtcdMemberSweep.stopUnder(WorkDirectory.root());
    if (postgres != null) {
      postgres.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void connect() {
    client =
        new KafkaTestClient(kafka.bootstrapServers(), Topics.CLUSTER_EVENTS, Topics.NODE_EVENTS);
    for (int i = 1; i <= 3; i++) {
      String node = "node-" + i;
      client.awaitEvent(NodeRegistered.class, e -> e.data().node().equals(node), WAIT);
    }
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void clusterServiceKilledMidCreateFinishesTheJobAfterARestart() {
    CloudEvent<CreateCluster> create =
        CloudEvent.create(SOURCE, new CreateCluster("survivor", 3, "3.5", null));
    client.send(create);
    CloudEvent<ClusterAccepted> accepted =
        client.awaitEvent(ClusterAccepted.class, e -> e.data().cluster().equals("survivor"), WAIT);

    service.kill();
    service = startClusterService();

    CloudEvent<ClusterReady> ready =
        client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals("survivor"), WAIT);
    assertThat(ready.correlationId()).isEqualTo(create.correlationId());
    assertThat(ready.data().members())
        .extracting(m -> m.node())
        .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    // One acceptance. The relay publishes at least once: a row sent but not yet marked sent when
    // the service died goes again, with the same ce_id, which consumers deduplicate.
    assertThat(client.allEvents(ClusterAccepted.class))
        .filteredOn(a -> a.data().cluster().equals("survivor"))
        .extracting(CloudEvent::id)
        .containsOnly(accepted.id());
    // Exactly one etcd process per member: nothing was started twice.
    assertThat(etcdProcesses("survivor")).hasSize(3);

    delete("survivor");
  }

  @Test
  void aKilledAgentLeavesItsMemberServingAndReadoptsItOnRestart() throws Exception {
    client.send(CloudEvent.create(SOURCE, new CreateCluster("steady", 3, "3.5", null)));
    CloudEvent<ClusterReady> ready =
        client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals("steady"), WAIT);
    String node1Member =
        ready.data().members().stream()
            .filter(m -> m.node().equals("node-1"))
            .findFirst()
            .orElseThrow()
            .name();
    long pid =
        client.all(MemberProcessStarted.class).stream()
            .filter(s -> s.member().equals(node1Member))
            .reduce((a, b) -> b)
            .orElseThrow()
            .pid();

    QuarkusAppProcess agent = agents.get(0);
    agent.kill();
    assertThat(ProcessHandle.of(pid)).as("the member outlives its agent").isPresent();
    put(ready.data().endpoints(), "orogen/steady", "still serving");

    agents.set(0, startAgent(1, agent.process().log().getParent()));
    CloudEvent<MemberProcessStarted> adopted =
        client.awaitEvent(
            MemberProcessStarted.class,
            e -> e.data().member().equals(node1Member) && e.data().adopted(),
            WAIT);
    assertThat(adopted.data().pid()).isEqualTo(pid);

    delete("steady");
  }

  private void delete(String cluster) {
    client.send(CloudEvent.create(SOURCE, new DeleteCluster(cluster)));
    client.awaitEvent(ClusterDeleted.class, e -> e.data().cluster().equals(cluster), WAIT);
    assertThat(etcdProcesses(cluster)).isEmpty();
  }

  private static List<ProcessHandle> etcdProcesses(String cluster) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/etcd"))
        .filter(p -> p.info().commandLine().orElse("").contains("--name=" + cluster + "-"))
        .toList();
  }

  private static QuarkusAppProcess startClusterService() {
    return QuarkusAppProcess.start(
        "cluster-service",
        jar("cluster-service"),
        FreePorts.take(),
        "OROGEN_CLUSTER_HTTP_PORT",
        Map.of(
            "OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("cluster"),
            "OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("cluster"),
            "OROGEN_CLUSTER_LEASE_DURATION", "5s"),
        WorkDirectory.root().resolve("cluster-service"));
  }

  private static QuarkusAppProcess startAgent(int i, Path dir) {
    return QuarkusAppProcess.start(
        "node-agent-" + i,
        jar("node-agent"),
        FreePorts.take(),
        "OROGEN_AGENT_HTTP_PORT",
        Map.of(
            "OROGEN_NODE_NAME", "node-" + i,
            "OROGEN_AGENT_DATA_ROOT", dir.resolve("data").toString(),
            "OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "OROGEN_AGENT_ETCD_DIR", etcdDir,
            "OROGEN_AGENT_PORT_RANGE_FIRST", Integer.toString(24000 + 100 * i),
            "OROGEN_AGENT_PORT_RANGE_LAST", Integer.toString(24099 + 100 * i),
            "OROGEN_AGENT_HEARTBEAT_INTERVAL", "1s"),
        dir);
  }

  private static Path jar(String module) {
    return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
  }

  private static void put(List<String> endpoints, String key, String value) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      etcd.getKVClient()
          .put(
              ByteSequence.from(key, StandardCharsets.UTF_8),
              ByteSequence.from(value, StandardCharsets.UTF_8))
          .get(10, TimeUnit.SECONDS);
    }
  }
}

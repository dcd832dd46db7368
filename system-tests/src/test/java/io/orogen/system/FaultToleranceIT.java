package io.orogen.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.orogen.testing.TestPlatform;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  static TestPlatform platform;
  static final List<QuarkusAppProcess> agents = new ArrayList<>();
  static QuarkusAppProcess service;

  KafkaTestClient client;

  @BeforeAll
  static void startPlatform() {
    platform = TestPlatform.start(Path.of(".."));
    service = platform.startClusterService();
    for (int i = 1; i <= 3; i++) {
      agents.add(platform.startAgent(i, WorkDirectory.newInstance("node-" + i), 24000));
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
    client = new KafkaTestClient(platform.kafka(), Topics.CLUSTER_EVENTS, Topics.NODE_EVENTS);
    client.awaitNodes(3, WAIT);
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
    service = platform.startClusterService();

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
    assertThat(EtcdKeys.processes("survivor")).hasSize(3);

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
    EtcdKeys.put(ready.data().endpoints(), "orogen/steady", "still serving");

    agents.set(0, platform.startAgent(1, agent.process().log().getParent(), 24000));
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
    assertThat(EtcdKeys.processes(cluster)).isEmpty();
  }
}

package io.orogen.cluster.it;

import io.orogen.events.Domain;
import io.orogen.events.Topics;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.kafka.InJvmKafka;
import io.orogen.runtime.postgres.LocalPostgres;
import io.orogen.runtime.services.EtcdMemberSweep;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What cluster-service runs against: a real Kafka broker, PostgreSQL, and three real node agents
 * (the packaged {@code node-agent}, each its own process with its own data root and port range)
 * standing for three hosts.
 */
public class PlatformResource implements QuarkusTestResourceLifecycleManager {

  public static final int AGENTS = 3;
  static final List<QuarkusAppProcess> agents = new ArrayList<>();

  private InJvmKafka kafka;
  private LocalPostgres postgres;

  @Override
  public Map<String, String> start() {
    kafka = InJvmKafka.start(WorkDirectory.newInstance("kafka"));
    List<String> topics =
        Stream.of(Domain.CLUSTER, Domain.NODE)
            .flatMap(
                d ->
                    Stream.of(
                        d.commandsTopic(),
                        d.eventsTopic(),
                        Topics.dlq(d.commandsTopic()),
                        Topics.dlq(d.eventsTopic())))
            .toList();
    kafka.createTopics(topics, 3);
    postgres =
        LocalPostgres.start(
            WorkDirectory.newInstance("postgres"),
            WorkDirectory.root().resolve("postgres-binaries"),
            0);
    postgres.createDatabase("cluster");

    Path jar =
        Path.of("..", "node-agent", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    String etcdDir = EtcdDistribution.discover().root().toString();
    List<Integer> httpPorts = FreePorts.take(AGENTS);
    for (int i = 1; i <= AGENTS; i++) {
      Path dir = WorkDirectory.newInstance("node-" + i);
      agents.add(
          QuarkusAppProcess.start(
              "node-agent-" + i,
              jar,
              httpPorts.get(i - 1),
              "OROGEN_AGENT_HTTP_PORT",
              Map.of(
                  "OROGEN_NODE_NAME",
                  "node-" + i,
                  "OROGEN_AGENT_DATA_ROOT",
                  dir.resolve("data").toString(),
                  "OROGEN_KAFKA_BOOTSTRAP_SERVERS",
                  kafka.bootstrapServers(),
                  "OROGEN_AGENT_ETCD_DIR",
                  etcdDir,
                  "OROGEN_AGENT_PORT_RANGE_FIRST",
                  Integer.toString(23000 + 100 * i),
                  "OROGEN_AGENT_PORT_RANGE_LAST",
                  Integer.toString(23099 + 100 * i),
                  "OROGEN_AGENT_HEARTBEAT_INTERVAL",
                  "1s",
                  "OROGEN_AGENT_LABELS_ZONE",
                  "zone-" + i),
              dir));
    }
    return Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "quarkus.datasource.reactive.url", postgres.reactiveUrl("cluster"),
        "quarkus.datasource.jdbc.url", postgres.jdbcUrl("cluster"),
        "quarkus.datasource.username", LocalPostgres.USER,
        "quarkus.datasource.password", LocalPostgres.PASSWORD);
  }

  @Override
  public void stop() {
    // The agents first: they stop no members (members outlive agents), so stop those too.
    agents.forEach(QuarkusAppProcess::close);
    agents.clear();
    EtcdMemberSweep.stopUnder(WorkDirectory.root());
    if (postgres != null) {
      postgres.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }
}

package io.orogen.testing;

import io.orogen.events.Domain;
import io.orogen.events.Topics;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.kafka.InJvmKafka;
import io.orogen.runtime.postgres.LocalPostgres;
import io.orogen.runtime.services.EtcdMemberSweep;
import io.orogen.runtime.services.QuarkusAppProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The platform for tests that run Orogen's packaged services as processes: a real Kafka broker with
 * the contract's cluster, node, backup and upgrade topics, PostgreSQL with the {@code cluster},
 * {@code backup} and {@code upgrade} databases, and node agents, cluster-service, backup-service
 * and upgrade-service started on demand. {@link #close()} also stops the etcd members the agents
 * left (members outlive agents by design).
 */
public final class TestPlatform implements AutoCloseable {

  private final InJvmKafka kafka;
  private LocalPostgres postgres;
  private final Path postgresDir;
  private final String etcdDir;
  private final Path services;
  private final List<QuarkusAppProcess> started = new ArrayList<>();

  private TestPlatform(InJvmKafka kafka, LocalPostgres postgres, Path postgresDir, Path services) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.postgresDir = postgresDir;
    this.etcdDir = EtcdDistribution.discover().root().toString();
    this.services = services;
  }

  /**
   * Starts Kafka and PostgreSQL; {@code services} is the repository root, where each service's
   * {@code target/quarkus-app/quarkus-run.jar} is.
   */
  public static TestPlatform start(Path services) {
    InJvmKafka kafka = InJvmKafka.start(WorkDirectory.newInstance("kafka"));
    kafka.createTopics(
        Stream.of(Domain.CLUSTER, Domain.NODE, Domain.BACKUP, Domain.UPGRADE)
            .flatMap(
                d ->
                    Stream.of(
                        d.commandsTopic(),
                        d.eventsTopic(),
                        Topics.dlq(d.commandsTopic()),
                        Topics.dlq(d.eventsTopic())))
            .toList(),
        3);
    Path postgresDir = WorkDirectory.newInstance("postgres");
    LocalPostgres postgres =
        LocalPostgres.start(postgresDir, WorkDirectory.root().resolve("postgres-binaries"), 0);
    postgres.createDatabase("cluster");
    postgres.createDatabase("backup");
    postgres.createDatabase("upgrade");
    return new TestPlatform(kafka, postgres, postgresDir, services.toAbsolutePath().normalize());
  }

  public String kafka() {
    return kafka.bootstrapServers();
  }

  public LocalPostgres postgres() {
    return postgres;
  }

  /** Stops PostgreSQL, the way a database outage does; {@link #startPostgres} brings it back. */
  public void stopPostgres() {
    postgres.close();
  }

  /** Starts PostgreSQL again on its port, with its data. */
  public void startPostgres() {
    postgres =
        LocalPostgres.start(
            postgresDir, WorkDirectory.root().resolve("postgres-binaries"), postgres.port());
  }

  /**
   * Starts node agent {@code node-i} with its data under {@code dir} and ports from {@code portBase
   * + 100 i}.
   */
  public QuarkusAppProcess startAgent(int i, Path dir, int portBase) {
    return startAgent(i, dir, portBase, etcdDir);
  }

  /**
   * As {@link #startAgent(int, Path, int)}, with the etcd releases under {@code etcdReleases} (one
   * directory per release): a node that lacks a release, or has a broken one.
   */
  public QuarkusAppProcess startAgent(int i, Path dir, int portBase, String etcdReleases) {
    QuarkusAppProcess agent =
        QuarkusAppProcess.start(
            "node-agent-" + i,
            jar("node-agent"),
            FreePorts.take(),
            "OROGEN_AGENT_HTTP_PORT",
            Map.of(
                "OROGEN_NODE_NAME",
                "node-" + i,
                "OROGEN_AGENT_DATA_ROOT",
                dir.resolve("data").toString(),
                "OROGEN_KAFKA_BOOTSTRAP_SERVERS",
                kafka(),
                "OROGEN_AGENT_ETCD_DIR",
                etcdReleases,
                "OROGEN_AGENT_PORT_RANGE_FIRST",
                Integer.toString(portBase + 100 * i),
                "OROGEN_AGENT_PORT_RANGE_LAST",
                Integer.toString(portBase + 99 + 100 * i),
                "OROGEN_AGENT_HEARTBEAT_INTERVAL",
                "1s",
                "OROGEN_AGENT_LABELS_ZONE",
                "zone-" + i),
            dir,
            QuarkusAppProcess.Workload.BULK_DATA);
    started.add(agent);
    return agent;
  }

  /** Starts cluster-service as a process on this platform's Kafka and PostgreSQL. */
  public QuarkusAppProcess startClusterService() {
    return startClusterService("cluster-service", Map.of());
  }

  /**
   * Starts a cluster-service instance called {@code name} (its log directory) with {@code settings}
   * (environment variables such as {@code OROGEN_CLUSTER_NODE_TIMEOUT}) on top of the platform's.
   */
  public QuarkusAppProcess startClusterService(String name, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put("OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka());
    env.put("OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("cluster"));
    env.put("OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("cluster"));
    env.put("OROGEN_CLUSTER_LEASE_DURATION", "5s");
    env.putAll(settings);
    QuarkusAppProcess service =
        QuarkusAppProcess.start(
            name,
            jar("cluster-service"),
            FreePorts.take(),
            "OROGEN_CLUSTER_HTTP_PORT",
            env,
            WorkDirectory.root().resolve(name));
    started.add(service);
    return service;
  }

  /**
   * Starts a backup-service instance called {@code name} (its log and work directory) with {@code
   * settings} on top of the platform's; its {@code local} storage is under its work directory.
   */
  public QuarkusAppProcess startBackupService(String name, Map<String, String> settings) {
    return startBackupService(name, settings, FreePorts.take());
  }

  /**
   * As {@link #startBackupService(String, Map)}, on {@code httpPort}: a successor on its killed
   * predecessor's address, as a supervisor or a Kubernetes Service gives one, so that the artifact
   * URLs the predecessor handed out still answer.
   */
  public QuarkusAppProcess startBackupService(
      String name, Map<String, String> settings, int httpPort) {
    Path work = WorkDirectory.root().resolve(name);
    Map<String, String> env = new HashMap<>();
    env.put("OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka());
    env.put("OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("backup"));
    env.put("OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("backup"));
    env.put("OROGEN_BACKUP_WORK_DIR", work.toString());
    env.put("OROGEN_BACKUP_ETCD_DIR", etcdDir);
    env.put("OROGEN_BACKUP_LEASE_DURATION", "5s");
    env.putAll(settings);
    QuarkusAppProcess service =
        QuarkusAppProcess.start(
            name,
            jar("backup-service"),
            httpPort,
            "OROGEN_BACKUP_HTTP_PORT",
            env,
            work,
            QuarkusAppProcess.Workload.BULK_DATA);
    started.add(service);
    return service;
  }

  /** The directory of the etcd releases the build fetched, one directory per release. */
  public String etcdReleases() {
    return etcdDir;
  }

  /**
   * Starts an upgrade-service instance called {@code name} (its log directory) with {@code
   * settings} on top of the platform's.
   */
  public QuarkusAppProcess startUpgradeService(String name, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put("OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka());
    env.put("OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("upgrade"));
    env.put("OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("upgrade"));
    env.put("OROGEN_UPGRADE_LEASE_DURATION", "5s");
    env.put("OROGEN_UPGRADE_SWEEP_INTERVAL", "2s");
    env.putAll(settings);
    QuarkusAppProcess service =
        QuarkusAppProcess.start(
            name,
            jar("upgrade-service"),
            FreePorts.take(),
            "OROGEN_UPGRADE_HTTP_PORT",
            env,
            WorkDirectory.root().resolve(name));
    started.add(service);
    return service;
  }

  @Override
  public void close() {
    started.forEach(QuarkusAppProcess::close);
    EtcdMemberSweep.stopUnder(WorkDirectory.root());
    postgres.close();
    kafka.close();
  }

  private Path jar(String module) {
    return services.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }
}

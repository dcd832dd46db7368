package io.orogen.runtime;

import io.orogen.runtime.etcd.EtcdCluster;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.kafka.KafkaBrokerProcess;
import io.orogen.runtime.postgres.LocalPostgres;
import io.orogen.runtime.services.EtcdMemberSweep;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.runtime.services.QuarkusAppProcess.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The whole platform on one machine without Docker, run by {@code ./orogen up}.
 *
 * <ol>
 *   <li>Find the etcd releases this machine can run (fetching Debian's on first use).
 *   <li>Start a Kafka broker process (KRaft), PostgreSQL with one database per service, and the
 *       coordination etcd, each with its data under the work directory, so it survives restarts.
 *   <li>Start the services that are built: cluster-service, backup-service, upgrade-service, three
 *       node agents (node-1..3) and the console.
 *   <li>Write {@code platform.env} with every address, print them, and wait.
 *   <li>On SIGINT or SIGTERM, stop everything in the reverse order.
 * </ol>
 *
 * Ports come from {@code OROGEN_KAFKA_PORT} (19092), {@code OROGEN_KAFKA_CONTROLLER_PORT} (19093),
 * {@code OROGEN_POSTGRES_PORT} (15432), {@code OROGEN_COORDINATION_ETCD_PORT} (12379, and the next
 * one for peers), {@code OROGEN_CLUSTER_HTTP_PORT} (8080), {@code OROGEN_CONSOLE_HTTP_PORT} (8081),
 * {@code OROGEN_BACKUP_HTTP_PORT} (8082), {@code OROGEN_UPGRADE_HTTP_PORT} (8083), {@code
 * OROGEN_AGENT_FIRST_HTTP_PORT} (8091, 8092, 8093); agents give members ports from 20100-20199,
 * 20200-20299, 20300-20399.
 */
public final class Platform {

  /** One database per service that keeps state. */
  static final List<String> DATABASES = List.of("cluster", "backup", "upgrade", "nodeupdate");

  /** How many node agents to run: {@code OROGEN_AGENTS}, default 3. */
  private final int agents = port("OROGEN_AGENTS", 3);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Path etcdDir;
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private final Map<Integer, QuarkusAppProcess> agentProcesses = new LinkedHashMap<>();
  private Path agentJar;
  private String kafkaServers;

  public static void main(String[] args) throws Exception {
    Platform platform = new Platform();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  platform.stop();
                  stopped.countDown();
                },
                "orogen-stop"));
    try {
      platform.start();
    } catch (RuntimeException e) {
      System.err.println("orogen: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  /** Starts everything; after a failure, {@link #stop()} stops what did start. */
  public void start() {
    Path root = WorkDirectory.root();

    EtcdDistribution etcd = EtcdDistribution.discover();
    etcdDir = etcd.root();
    say("etcd releases: " + String.join(", ", etcd.versions()));

    int kafkaPort = port("OROGEN_KAFKA_PORT", 19092);
    say("starting Kafka on 127.0.0.1:" + kafkaPort + " ...");
    KafkaBrokerProcess kafka =
        KafkaBrokerProcess.start(
            root.resolve("kafka"),
            kafkaPort,
            port("OROGEN_KAFKA_CONTROLLER_PORT", 19093),
            System.getProperty("java.class.path"));
    started.push(kafka);
    addresses.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());

    int postgresPort = port("OROGEN_POSTGRES_PORT", 15432);
    say("starting PostgreSQL on localhost:" + postgresPort + " ...");
    LocalPostgres postgres =
        LocalPostgres.start(
            root.resolve("postgres"), root.resolve("postgres-binaries"), postgresPort);
    started.push(postgres);
    for (String database : DATABASES) {
      postgres.createDatabase(database);
    }
    addresses.put("POSTGRES_URL", postgres.jdbcUrl("<service>"));
    addresses.put("POSTGRES_DATABASES", String.join(",", DATABASES));
    addresses.put("POSTGRES_USER", LocalPostgres.USER);
    addresses.put("POSTGRES_PASSWORD", LocalPostgres.PASSWORD);

    int etcdPort = port("OROGEN_COORDINATION_ETCD_PORT", 12379);
    say("starting the coordination etcd " + etcd.newest().version() + " ...");
    EtcdCluster coordination =
        EtcdCluster.start(
            etcd.newest(), 1, root.resolve("coordination-etcd"), List.of(etcdPort, etcdPort + 1));
    started.push(coordination);
    addresses.put("COORDINATION_ETCD_ENDPOINTS", coordination.endpoints());
    addresses.put("ETCD_RELEASES", String.join(",", etcd.versions()));

    startServices(root, kafka.bootstrapServers(), postgres);

    writeEnvFile(root.resolve("platform.env"));
    say("");
    say("Orogen is up. Work directory: " + root);
    addresses.forEach((key, value) -> say(String.format("  %-28s %s", key, value)));
    say("Press Ctrl-C to stop (or ./orogen down when started with --detach).");
  }

  /**
   * Starts the services that are built: cluster-service, backup-service, then three node agents
   * standing for three hosts (node-1..3, each with its own data root and port range), then the
   * console.
   */
  private void startServices(Path root, String kafka, LocalPostgres postgres) {
    Path home = Path.of(System.getProperty("orogen.home", "."));
    startService(
        home,
        root,
        "cluster-service",
        "OROGEN_CLUSTER_HTTP_PORT",
        8080,
        Map.of(
            "OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka,
            "OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("cluster"),
            "OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("cluster")),
        "CLUSTER_SERVICE_URL",
        Workload.CONTROL);
    startService(
            home,
            root,
            "backup-service",
            "OROGEN_BACKUP_HTTP_PORT",
            8082,
            Map.of(
                "OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka,
                "OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("backup"),
                "OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("backup"),
                "OROGEN_BACKUP_WORK_DIR", root.resolve("backup-service").toString(),
                "OROGEN_BACKUP_ETCD_DIR", etcdDir.toString()),
            "BACKUP_SERVICE_URL",
            Workload.BULK_DATA)
        .ifPresent(
            service ->
                addresses.put(
                    "BACKUP_STORAGE_LOCAL", root.resolve("backup-service/backups").toString()));
    startService(
        home,
        root,
        "upgrade-service",
        "OROGEN_UPGRADE_HTTP_PORT",
        8083,
        Map.of(
            "OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafka,
            "OROGEN_POSTGRES_REACTIVE_URL", postgres.reactiveUrl("upgrade"),
            "OROGEN_POSTGRES_JDBC_URL", postgres.jdbcUrl("upgrade")),
        "UPGRADE_SERVICE_URL",
        Workload.CONTROL);
    Path agent = home.resolve("node-agent/target/quarkus-app/quarkus-run.jar");
    if (Files.exists(agent)) {
      // Members outlive their agents; stopping the platform stops them after the agents.
      started.push(
          () -> {
            int stopped = EtcdMemberSweep.stopUnder(root);
            if (stopped > 0) {
              say("stopped " + stopped + " etcd member process(es)");
            }
          });
      this.agentJar = agent;
      this.kafkaServers = kafka;
      for (int i = 1; i <= agents; i++) {
        startAgent(i);
      }
    }
    startService(
        home,
        root,
        "console",
        "OROGEN_CONSOLE_HTTP_PORT",
        8081,
        Map.of(
            "OROGEN_KAFKA_BOOTSTRAP_SERVERS",
            kafka,
            "OROGEN_CLUSTER_SERVICE_URL",
            addresses.getOrDefault("CLUSTER_SERVICE_URL", "http://localhost:8080"),
            "OROGEN_BACKUP_SERVICE_URL",
            addresses.getOrDefault("BACKUP_SERVICE_URL", "http://localhost:8082"),
            "OROGEN_UPGRADE_SERVICE_URL",
            addresses.getOrDefault("UPGRADE_SERVICE_URL", "http://localhost:8083")),
        "CONSOLE_URL",
        Workload.CONTROL);
  }

  /**
   * Starts {@code module}'s packaged service, if it is built, on the port {@code portEnv} names
   * (else {@code defaultPort}), and records its URL as {@code addressKey}.
   */
  private Optional<QuarkusAppProcess> startService(
      Path home,
      Path root,
      String module,
      String portEnv,
      int defaultPort,
      Map<String, String> env,
      String addressKey,
      Workload workload) {
    Path jar = home.resolve(module + "/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      return Optional.empty();
    }
    int port = port(portEnv, defaultPort);
    say("starting " + module + " on :" + port + " ...");
    QuarkusAppProcess service =
        QuarkusAppProcess.start(module, jar, port, portEnv, env, root.resolve(module), workload);
    started.push(service);
    addresses.put(addressKey, service.url());
    return Optional.of(service);
  }

  /**
   * Starts node agent {@code node-i} (again, after {@link #killNode}: it re-adopts its members).
   */
  public synchronized void startAgent(int i) {
    Path root = WorkDirectory.root();
    String node = "node-" + i;
    say("starting node agent " + node + " ...");
    QuarkusAppProcess process =
        QuarkusAppProcess.start(
            "node-agent-" + i,
            agentJar,
            port("OROGEN_AGENT_FIRST_HTTP_PORT", 8091) + i - 1,
            "OROGEN_AGENT_HTTP_PORT",
            agentEnv(node, root, i),
            root.resolve("agents"),
            Workload.BULK_DATA);
    started.push(process);
    agentProcesses.put(i, process);
    addresses.put("NODE_AGENT_" + i + "_URL", process.url());
  }

  private Map<String, String> agentEnv(String node, Path root, int i) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("OROGEN_NODE_NAME", node);
    env.put("OROGEN_AGENT_DATA_ROOT", root.resolve(node).toString());
    env.put("OROGEN_KAFKA_BOOTSTRAP_SERVERS", kafkaServers);
    env.put("OROGEN_AGENT_ETCD_DIR", etcdDir.toString());
    env.put("OROGEN_AGENT_PORT_RANGE_FIRST", Integer.toString(20000 + 100 * i));
    env.put("OROGEN_AGENT_PORT_RANGE_LAST", Integer.toString(20099 + 100 * i));
    env.put("OROGEN_AGENT_LABELS_ZONE", "zone-" + i);
    String maxMembers = System.getProperty("OROGEN_AGENT_MAX_MEMBERS");
    if (maxMembers != null) {
      env.put("OROGEN_AGENT_MAX_MEMBERS", maxMembers);
    }
    return env;
  }

  /**
   * Takes node {@code node-i} away the way a host failure does: {@code kill -9} of its agent and of
   * every etcd member it runs. Their data stays on disk.
   */
  public synchronized void killNode(int i) {
    QuarkusAppProcess agent = agentProcesses.remove(i);
    if (agent != null) {
      agent.kill();
    }
    String dataRoot = WorkDirectory.root().resolve("node-" + i).toAbsolutePath() + "/";
    ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/etcd"))
        .filter(p -> p.info().commandLine().orElse("").contains(dataRoot))
        .forEach(ProcessHandle::destroyForcibly);
  }

  /** Stops everything that started, in the reverse order. */
  public synchronized void stop() {
    if (started.isEmpty()) {
      return;
    }
    say("stopping Orogen ...");
    while (!started.isEmpty()) {
      AutoCloseable server = started.pop();
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("orogen: stopping " + server + " failed: " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(WorkDirectory.root().resolve("platform.env"));
    } catch (IOException ignored) {
      // a stale file is overwritten by the next start
    }
    say("stopped.");
  }

  /** An address printed at start, for example {@code KAFKA_BOOTSTRAP_SERVERS}. */
  public String address(String key) {
    return addresses.get(key);
  }

  private void writeEnvFile(Path file) {
    String text =
        addresses.entrySet().stream()
            .map(e -> "OROGEN_" + e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port setting: the system property named like the variable, else the variable. */
  private static int port(String env, int fallback) {
    String value = System.getProperty(env, System.getenv(env));
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}

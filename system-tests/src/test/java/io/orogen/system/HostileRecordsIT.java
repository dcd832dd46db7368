package io.orogen.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.CommandRejected;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.StopMember;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.testing.FuzzRun;
import io.orogen.testing.KafkaTestClient;
import io.orogen.testing.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * No record can stop Orogen: cluster-service, backup-service, upgrade-service and three node agents
 * as processes take a seeded stream of hostile records on every topic they read, PostgreSQL going
 * away under them, and a member stopped by someone else, and go on serving.
 */
class HostileRecordsIT {

  static final URI SOURCE = URI.create("/tests/hostile");
  static final Duration WAIT = Duration.ofMinutes(2);
  static final List<String> NODES = List.of("node-1", "node-2", "node-3");

  static TestPlatform platform;
  static QuarkusAppProcess service;
  static QuarkusAppProcess backupService;
  static QuarkusAppProcess upgradeService;
  static final List<QuarkusAppProcess> agents = new ArrayList<>();

  KafkaTestClient client;

  @BeforeAll
  static void startPlatform() {
    platform = TestPlatform.start(Path.of(".."));
    service = platform.startClusterService();
    for (int i = 1; i <= NODES.size(); i++) {
      agents.add(platform.startAgent(i, WorkDirectory.newInstance("node-" + i), 26000));
    }
    backupService = platform.startBackupService("backup-service", java.util.Map.of());
    upgradeService = platform.startUpgradeService("upgrade-service", java.util.Map.of());
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
    client.awaitNodes(NODES.size(), WAIT);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void aFuzzRunLeavesNothingUnaccountedAndEveryServiceServing() throws Exception {
    int records = Integer.getInteger("orogen.fuzz.records", 2000);
    long seed = Long.getLong("orogen.fuzz.seed", 20261203L);
    FuzzRun.Report report =
        new FuzzRun(platform.kafka(), NODES, seed, true).run(records, Duration.ofMinutes(5));
    System.out.println("fuzz run (seed " + seed + "): " + report.table());
    assertThat(report.missing()).as("records neither answered nor dead-lettered").isEmpty();
    assertThat(report.appliedTwice()).isZero();
    assertThat(report.validAnswered()).isEqualTo(report.valid());
    assertThat(report.bad()).isGreaterThanOrEqualTo(records * 8 / 10);

    // Still serving: a valid command now is answered at once, and every process is healthy.
    CloudEvent<DeleteCluster> after =
        CloudEvent.create(SOURCE, new DeleteCluster("after-the-fuzz"));
    client.send(after);
    client.awaitEvent(
        CommandRejected.class,
        e -> after.id().equals(e.data().commandId()),
        Duration.ofSeconds(30));
    assertHealthy(service);
    assertHealthy(backupService);
    assertHealthy(upgradeService);
    agents.forEach(HostileRecordsIT::assertHealthy);
    System.out.printf(
        "after the fuzz run: cluster-service %d MB RSS, agents %s MB%n",
        rssMegabytes(service), agents.stream().map(HostileRecordsIT::rssMegabytes).toList());

    for (String name : FuzzRun.createdClusters(client)) {
      client.send(CloudEvent.create(SOURCE, new DeleteCluster(name)));
      client.awaitEvent(ClusterDeleted.class, e -> e.data().cluster().equals(name), WAIT);
    }
  }

  @Test
  void commandsSentWhilePostgresIsDownAreAnsweredOnceItIsBack() throws Exception {
    platform.stopPostgres();
    List<CloudEvent<DeleteCluster>> sent = new ArrayList<>();
    CloudEvent<CreateCluster> create =
        CloudEvent.create(SOURCE, new CreateCluster("outage", 1, "3.5", null));
    try {
      client.send(create);
      for (int i = 0; i < 10; i++) {
        CloudEvent<DeleteCluster> delete =
            CloudEvent.create(SOURCE, new DeleteCluster("outage-none-" + i));
        sent.add(delete);
        client.send(delete);
        Thread.sleep(2_000);
      }
    } finally {
      platform.startPostgres();
    }
    for (CloudEvent<DeleteCluster> delete : sent) {
      assertThat(
              client
                  .awaitEvent(
                      CommandRejected.class, e -> delete.id().equals(e.data().commandId()), WAIT)
                  .data()
                  .code())
          .isEqualTo(RejectionCode.NOT_FOUND);
    }
    // The create is answered once too: accepted, or refused because no node's heartbeat was
    // recorded during the outage.
    client.awaitEvent(
        io.orogen.events.Event.class,
        e ->
            create.id().equals(e.causationId())
                && (e.data() instanceof ClusterAccepted || e.data() instanceof CommandRejected),
        WAIT);
    assertThat(client.allEvents(io.orogen.events.Event.class))
        .filteredOn(e -> create.id().equals(e.causationId()))
        .filteredOn(e -> e.data() instanceof ClusterAccepted || e.data() instanceof CommandRejected)
        .hasSize(1);
    assertHealthy(service);
    if (!client.all(ClusterAccepted.class).stream()
        .filter(a -> a.cluster().equals("outage"))
        .toList()
        .isEmpty()) {
      client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals("outage"), WAIT);
      client.send(CloudEvent.create(SOURCE, new DeleteCluster("outage")));
      client.awaitEvent(ClusterDeleted.class, e -> e.data().cluster().equals("outage"), WAIT);
    }
  }

  @Test
  void aMemberStoppedBySomeoneElseIsNoticedAndRestarted() {
    client.send(CloudEvent.create(SOURCE, new CreateCluster("meddled", 1, "3.5", null)));
    ClusterAccepted accepted =
        client.await(ClusterAccepted.class, a -> a.cluster().equals("meddled")).data();
    MemberProcessStarted started =
        client.await(MemberProcessStarted.class, s -> s.member().equals("meddled-1")).data();
    client.awaitEvent(ClusterReady.class, e -> e.data().cluster().equals("meddled"), WAIT);

    // Someone who can write to Kafka stops the member with a valid command of their own.
    CloudEvent<StopMember> stop =
        CloudEvent.create(
            SOURCE,
            new StopMember(started.node(), "meddled", "meddled-1", accepted.clusterToken()));
    client.send(stop);
    client.awaitEvent(MemberProcessExited.class, e -> stop.id().equals(e.causationId()), WAIT);
    client.awaitEvent(MemberFailed.class, e -> e.data().member().equals("meddled-1"), WAIT);
    client.awaitEvent(
        MemberProcessStarted.class,
        e -> e.data().member().equals("meddled-1") && e.data().pid() != started.pid(),
        WAIT);
    client.send(CloudEvent.create(SOURCE, new DeleteCluster("meddled", accepted.clusterToken())));
    client.awaitEvent(ClusterDeleted.class, e -> e.data().cluster().equals("meddled"), WAIT);
  }

  /** The process's {@code /q/health} is UP (within 30 s: its database check may lag a moment). */
  private static void assertHealthy(QuarkusAppProcess process) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> health =
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(process.url() + "/q/health")).build(),
                          HttpResponse.BodyHandlers.ofString());
              assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            });
  }

  private static long rssMegabytes(QuarkusAppProcess process) {
    try {
      return Files.readAllLines(Path.of("/proc/" + process.process().pid() + "/status")).stream()
              .filter(l -> l.startsWith("VmRSS:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
              .findFirst()
              .orElse(0)
          / 1024;
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}

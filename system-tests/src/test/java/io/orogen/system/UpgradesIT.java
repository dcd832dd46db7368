package io.orogen.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DegradedReason;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.upgrade.AbortUpgrade;
import io.orogen.events.upgrade.MaintenanceWindow;
import io.orogen.events.upgrade.MemberUpgraded;
import io.orogen.events.upgrade.PauseUpgrade;
import io.orogen.events.upgrade.ResumeUpgrade;
import io.orogen.events.upgrade.SetUpdatePolicy;
import io.orogen.events.upgrade.UpdateChannel;
import io.orogen.events.upgrade.UpdateStrategy;
import io.orogen.events.upgrade.UpgradeAborted;
import io.orogen.events.upgrade.UpgradeBackedUp;
import io.orogen.events.upgrade.UpgradeCluster;
import io.orogen.events.upgrade.UpgradeCompleted;
import io.orogen.events.upgrade.UpgradeFailed;
import io.orogen.events.upgrade.UpgradePaused;
import io.orogen.events.upgrade.UpgradePlanned;
import io.orogen.events.upgrade.UpgradeRefused;
import io.orogen.events.upgrade.UpgradeResumed;
import io.orogen.events.upgrade.UpgradeTrigger;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.orogen.testing.TestPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rolling upgrades through Kafka only, on the default three nodes: cluster-service, backup-service,
 * upgrade-service and three node agents as processes, upgrading real members between the etcd
 * releases the build fetched (3.4.23, 3.5.16, 3.5.30). Every node also has a release "3.6.0" whose
 * binary fails to start, for the rollback.
 */
class UpgradesIT {

  static final URI SOURCE = URI.create("/tests/upgrades");
  static final Duration WAIT = Duration.ofMinutes(3);
  static final Map<String, String> UPGRADE_SETTINGS =
      Map.of(
          "OROGEN_UPGRADE_SETTLE", "2s",
          "OROGEN_UPGRADE_RETRY_INTERVAL", "1s",
          "OROGEN_UPGRADE_POLICY_INTERVAL", "1s",
          // Estimates (no run has history yet): 30 s backup + 10 min per member.
          "OROGEN_UPGRADE_MEMBER_ESTIMATE", "10m");

  static TestPlatform platform;
  static QuarkusAppProcess clusterService;
  static QuarkusAppProcess upgradeService;

  KafkaTestClient client;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = TestPlatform.start(Path.of(".."));
    clusterService = platform.startClusterService();
    platform.startBackupService(
        "backup-service",
        Map.of("OROGEN_BACKUP_LOCAL_PATH", WorkDirectory.newInstance("backups").toString()));
    upgradeService = platform.startUpgradeService("upgrade-service", UPGRADE_SETTINGS);
    String releases = releasesWithABrokenOne().toString();
    for (int i = 1; i <= 3; i++) {
      platform.startAgent(i, WorkDirectory.newInstance("node-" + i), 29000, releases);
    }
  }

  /** The releases the build fetched, plus a 3.6.0 whose etcd says its version and then fails. */
  static Path releasesWithABrokenOne() throws IOException {
    Path dir = WorkDirectory.newInstance("etcd-releases");
    try (Stream<Path> releases = Files.list(Path.of(platform.etcdReleases()))) {
      for (Path release : releases.filter(Files::isDirectory).toList()) {
        if (Files.isExecutable(release.resolve("etcd"))) {
          Files.createSymbolicLink(dir.resolve(release.getFileName()), release);
        }
      }
    }
    Path broken = Files.createDirectories(dir.resolve("3.6.0"));
    Files.writeString(
        broken.resolve("etcd"),
        """
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo "etcd Version: 3.6.0"; exit 0; fi
        echo "panic: this etcd 3.6.0 is broken on purpose (UpgradesIT)" >&2
        exit 2
        """);
    Files.setPosixFilePermissions(
        broken.resolve("etcd"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
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
            Topics.BACKUP_EVENTS,
            Topics.UPGRADE_EVENTS,
            Topics.dlq(Topics.UPGRADE_COMMANDS));
    client.awaitNodes(3, WAIT);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void refusesADowngradeASkipAReleaseNoNodeHasAndBadRecords() throws Exception {
    ClusterReady ready = create("paths", 1, "3.4.23");
    awaitKnown("paths", "3.4.23");

    assertThat(refused(new UpgradeCluster("paths", "3.6.0")).message()).contains("skips a minor");
    CommandRejected downgrade = refused(new UpgradeCluster("paths", "3.3.9"));
    assertThat(downgrade.code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(downgrade.message()).contains("downgrade of the minor");
    assertThat(downgrade.fieldErrors()).extracting(e -> e.field()).containsExactly("targetVersion");
    CommandRejected missing = refused(new UpgradeCluster("paths", "3.5.99"));
    assertThat(missing.code()).isEqualTo(RejectionCode.UNKNOWN_VERSION);
    assertThat(refused(new UpgradeCluster("nowhere", "3.5.16")).code())
        .isEqualTo(RejectionCode.NOT_FOUND);
    CommandRejected zone =
        refused(
            new SetUpdatePolicy(
                "paths",
                UpdateChannel.PATCH,
                UpdateStrategy.AUTOMATIC,
                List.of(
                    new MaintenanceWindow(List.of(DayOfWeek.MONDAY), "02:00", 60, "Mars/Base"))));
    assertThat(zone.fieldErrors()).extracting(e -> e.field()).containsExactly("windows[0].zone");

    // An unreadable record is dead-lettered and the consumer goes on.
    client.send(new ProducerRecord<>(Topics.UPGRADE_COMMANDS, "paths", "{not json".getBytes()));
    client.awaitRecord(
        r -> r.topic().equals(Topics.dlq(Topics.UPGRADE_COMMANDS)) && "paths".equals(r.key()),
        WAIT,
        "the unreadable command dead-lettered");
    assertThat(refused(new UpgradeCluster("paths", "3.4.23")).message()).contains("already");
    // REST takes the same commands: an inexact release is refused naming the field.
    HttpResponse<String> inexact =
        post("/api/v1/upgrades", "{\"cluster\":\"paths\",\"targetVersion\":\"3.5\"}");
    assertThat(inexact.statusCode()).isEqualTo(400);
    assertThat(inexact.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(inexact.body()).contains("\"field\":\"targetVersion\"");
    assertThat(post("/api/v1/clusters/paths/upgrade/pause", "").statusCode()).isEqualTo(404);
    assertThat(ready.version()).isEqualTo("3.4.23");
  }

  /**
   * 3.4 to 3.5 on three members with a writer: a pre-upgrade backup first, followers first and the
   * leader last after its leadership moved; upgrade-service is killed after the first member and
   * cluster-service while the second restarts; every member is upgraded exactly once, never two
   * down at once, and no key is lost.
   */
  @Test
  void upgradesAMinorReleaseLeaderLastWithABackupThroughKills() throws Exception {
    ClusterReady ready = create("orders", 3, "3.4.23");
    for (int i = 0; i < 50; i++) {
      EtcdKeys.put(ready.endpoints(), "/orders/" + i, "order-" + i);
    }
    awaitKnown("orders", "3.4.23");
    String leader =
        ready.members().stream()
            .filter(m -> m.role() == MemberRole.LEADER)
            .map(ClusterMember::name)
            .findFirst()
            .orElseThrow();

    CloudEvent<UpgradeCluster> upgrade =
        CloudEvent.create(Domain.UPGRADE, SOURCE, new UpgradeCluster("orders", "3.5.16"));
    client.send(upgrade);
    UpgradePlanned planned =
        client
            .awaitEvent(UpgradePlanned.class, e -> e.correlationId().equals(upgrade.id()), WAIT)
            .data();
    String run = planned.runId();
    assertThat(run).isEqualTo(upgrade.id());
    assertThat(planned.order()).hasSize(3).last().isEqualTo(leader);
    assertThat(planned.backup()).isTrue();
    UpgradeBackedUp backedUp =
        client.await(UpgradeBackedUp.class, b -> b.runId().equals(run), WAIT).data();
    assertThat(backedUp.backupId()).startsWith("orders-");

    client.await(MemberUpgraded.class, m -> m.runId().equals(run) && m.position() == 1, WAIT);
    upgradeService.kill();
    upgradeService = platform.startUpgradeService("upgrade-service-2", UPGRADE_SETTINGS);
    String second = planned.order().get(1);
    client.awaitEvent(
        MemberProcessExited.class,
        e -> e.data().member().equals(second) && e.data().requested(),
        WAIT);
    clusterService.kill();
    clusterService = platform.startClusterService("cluster-service-2", Map.of());

    UpgradeCompleted completed =
        client.await(UpgradeCompleted.class, c -> c.runId().equals(run), WAIT).data();
    assertThat(completed.from()).isEqualTo("3.4.23");
    assertThat(completed.to()).isEqualTo("3.5.16");
    assertThat(completed.backupId()).isEqualTo(backedUp.backupId());
    assertThat(completed.members())
        .extracting(t -> t.member())
        .containsExactlyElementsOf(planned.order());
    // Each member upgraded once: a record the killed instance sent but had not marked sent is
    // sent again by its successor under the same ce_id, which consumers drop.
    assertThat(distinct(client.allEvents(MemberUpgraded.class)))
        .filteredOn(m -> m.runId().equals(run))
        .extracting(MemberUpgraded::member)
        .containsExactlyElementsOf(planned.order());
    assertThat(distinct(client.allEvents(MemberRestarted.class)))
        .filteredOn(m -> m.cluster().equals("orders"))
        .extracting(MemberRestarted::member)
        .containsExactlyElementsOf(planned.order());
    // Leadership moved to an upgraded member before the leader was restarted.
    LeaderMoved moved =
        client
            .await(
                LeaderMoved.class,
                m -> m.cluster().equals("orders") && m.from().equals(leader),
                WAIT)
            .data();
    assertThat(planned.order().subList(0, 2)).contains(moved.to());
    // Never two members down: the cluster was degraded, never without quorum.
    assertThat(client.all(ClusterDegraded.class))
        .filteredOn(d -> d.cluster().equals("orders"))
        .extracting(ClusterDegraded::reason)
        .doesNotContain(DegradedReason.QUORUM_LOST);
    for (String endpoint : ready.endpoints()) {
      assertThat(serverVersion(endpoint)).isEqualTo("3.5.16");
      assertThat(EtcdKeys.get(List.of(endpoint), "/orders/49")).isEqualTo("order-49");
    }
    EtcdKeys.put(ready.endpoints(), "/orders/after", "written on 3.5");
    // The run's history, through REST.
    HttpResponse<String> history = get("/api/v1/upgrades/" + run);
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.body())
        .contains("\"state\":\"COMPLETED\"")
        .contains("\"backupId\":\"" + backedUp.backupId() + "\"");
  }

  @Test
  void aMemberThatDoesNotStartOnTheNewReleaseIsRolledBack() throws Exception {
    ClusterReady ready = create("canary", 3, "3.5.30");
    awaitKnown("canary", "3.5.30");
    CloudEvent<UpgradeCluster> upgrade =
        CloudEvent.create(Domain.UPGRADE, SOURCE, new UpgradeCluster("canary", "3.6.0", true));
    client.send(upgrade);
    UpgradeFailed failed =
        client
            .awaitEvent(UpgradeFailed.class, e -> e.correlationId().equals(upgrade.id()), WAIT)
            .data();
    UpgradePlanned planned =
        client.await(UpgradePlanned.class, p -> p.runId().equals(upgrade.id()), WAIT).data();
    assertThat(planned.backup()).isFalse();
    assertThat(failed.member()).isEqualTo(planned.order().get(0));
    // It crashed on start: rolled back after its third exit, not after member-timeout (2 min here,
    // the default, which the kills of the minor upgrade need: a member's restart waits for a
    // killed cluster-service's successor).
    assertThat(failed.reason()).contains("exited 3 times on etcd 3.6.0");
    assertThat(failed.logTail()).anyMatch(line -> line.contains("broken on purpose"));
    assertThat(failed.rolledBack()).containsExactly(failed.member());
    assertThat(failed.clusterVersion()).isEqualTo("3.5.30");
    assertThat(failed.degradedMillis()).isPositive();
    for (String endpoint : ready.endpoints()) {
      assertThat(serverVersion(endpoint)).isEqualTo("3.5.30");
    }
  }

  @Test
  void pausesResumesAndAbortsBetweenMembersRollingBackAPatchUpgrade() throws Exception {
    ClusterReady ready = create("ledger", 3, "3.5.16");
    awaitKnown("ledger", "3.5.16");
    CloudEvent<UpgradeCluster> upgrade =
        CloudEvent.create(Domain.UPGRADE, SOURCE, new UpgradeCluster("ledger", "3.5.30", true));
    client.send(upgrade);
    String run =
        client
            .awaitEvent(UpgradePlanned.class, e -> e.correlationId().equals(upgrade.id()), WAIT)
            .data()
            .runId();
    client.send(CloudEvent.create(Domain.UPGRADE, SOURCE, new PauseUpgrade("ledger")));
    UpgradePaused paused =
        client.await(UpgradePaused.class, p -> p.runId().equals(run), WAIT).data();
    assertThat(paused.upgraded()).isLessThan(3);
    Thread.sleep(3_000); // nothing moves while paused
    assertThat(client.all(MemberUpgraded.class).stream().filter(m -> m.runId().equals(run)))
        .hasSize(paused.upgraded());

    client.send(CloudEvent.create(Domain.UPGRADE, SOURCE, new ResumeUpgrade("ledger")));
    client.await(UpgradeResumed.class, r -> r.runId().equals(run), WAIT);
    client.await(
        MemberUpgraded.class, m -> m.runId().equals(run) && m.position() > paused.upgraded(), WAIT);
    client.send(CloudEvent.create(Domain.UPGRADE, SOURCE, new AbortUpgrade("ledger")));
    UpgradeAborted aborted =
        client.await(UpgradeAborted.class, a -> a.runId().equals(run), WAIT).data();
    assertThat(aborted.kept()).isEmpty();
    assertThat(aborted.rolledBack()).isNotEmpty();
    assertThat(aborted.clusterVersion()).isEqualTo("3.5.16");
    for (String endpoint : ready.endpoints()) {
      assertThat(serverVersion(endpoint)).isEqualTo("3.5.16");
    }
  }

  /**
   * The patch channel with the automatic strategy: a window too short for the run's estimate
   * refuses it naming the next window that fits; a window that fits starts it by itself.
   */
  @Test
  void anAutomaticPatchUpdateStartsOnlyInsideAWindowItFits() throws Exception {
    ClusterReady ready = create("auto", 1, "3.5.16");
    awaitKnown("auto", "3.5.16");
    Instant now = Instant.now();
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    String opened = hhmm.format(now.minusSeconds(60)); // opened one or two minutes ago
    String later = hhmm.format(now.plus(Duration.ofHours(6)));
    List<DayOfWeek> everyDay = List.copyOf(EnumSet.allOf(DayOfWeek.class));
    // A five-minute window is open, but the run is estimated at 10.5 min; an hour-long one opens
    // in six hours: the run waits for it.
    client.send(
        CloudEvent.create(
            Domain.UPGRADE,
            SOURCE,
            new SetUpdatePolicy(
                "auto",
                UpdateChannel.PATCH,
                UpdateStrategy.AUTOMATIC,
                List.of(
                    new MaintenanceWindow(everyDay, opened, 5, "UTC"),
                    new MaintenanceWindow(everyDay, later, 60, "UTC")))));
    UpgradeRefused refusedRun =
        client.await(UpgradeRefused.class, r -> r.cluster().equals("auto"), WAIT).data();
    assertThat(refusedRun.targetVersion()).isEqualTo("3.5.30");
    assertThat(refusedRun.reason()).contains("would not end inside the open window");
    assertThat(refusedRun.nextWindowAt())
        .isAfter(now.plus(Duration.ofHours(5)))
        .isBefore(now.plus(Duration.ofHours(7)));
    assertThat(client.all(UpgradePlanned.class)).noneMatch(p -> p.cluster().equals("auto"));
    // A two-hour window open now: the run starts by itself.
    client.send(
        CloudEvent.create(
            Domain.UPGRADE,
            SOURCE,
            new SetUpdatePolicy(
                "auto",
                UpdateChannel.PATCH,
                UpdateStrategy.AUTOMATIC,
                List.of(new MaintenanceWindow(everyDay, opened, 120, "UTC")))));
    UpgradePlanned planned =
        client.await(UpgradePlanned.class, p -> p.cluster().equals("auto"), WAIT).data();
    assertThat(planned.trigger()).isEqualTo(UpgradeTrigger.AUTOMATIC);
    assertThat(planned.to()).isEqualTo("3.5.30");
    client.await(UpgradeCompleted.class, c -> c.runId().equals(planned.runId()), WAIT);
    assertThat(serverVersion(ready.endpoints().get(0))).isEqualTo("3.5.30");
  }

  /** The payloads of {@code events}, each ce_id once. */
  private static <T extends io.orogen.events.Payload> List<T> distinct(List<CloudEvent<T>> events) {
    Map<String, T> byId = new java.util.LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.id(), e.data()));
    return List.copyOf(byId.values());
  }

  private ClusterReady create(String name, int size, String version) {
    client.send(CloudEvent.create(SOURCE, new CreateCluster(name, size, version, null)));
    return client.await(ClusterReady.class, r -> r.cluster().equals(name), WAIT).data();
  }

  private CommandRejected refused(io.orogen.events.Command command) {
    CloudEvent<?> event = CloudEvent.create(Domain.UPGRADE, SOURCE, command);
    client.send(event);
    return client
        .awaitEvent(CommandRejected.class, e -> event.id().equals(e.data().commandId()), WAIT)
        .data();
  }

  /**
   * Waits until upgrade-service's picture of {@code cluster} (folded from orogen.cluster.events)
   * shows it ready on {@code version}: a command sent before that is refused as naming no cluster.
   */
  private static void awaitKnown(String cluster, String version) {
    HttpClient http = HttpClient.newHttpClient();
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> {
              HttpResponse<String> answer =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  upgradeService.url()
                                      + "/api/v1/clusters/"
                                      + cluster
                                      + "/versions"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              return answer.statusCode() == 200
                  && answer.body().contains("\"version\":\"" + version + "\",\"phase\":\"READY\"");
            });
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(upgradeService.url() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(upgradeService.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String serverVersion(String url) throws Exception {
    try (Client etcd = Client.builder().endpoints(url).build()) {
      return etcd.getMaintenanceClient().statusMember(url).get(10, TimeUnit.SECONDS).getVersion();
    }
  }
}

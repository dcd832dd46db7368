package io.orogen.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.orogen.events.Domain;
import io.orogen.events.Topics;
import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupPolicySet;
import io.orogen.events.backup.BackupStarted;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.events.backup.ClusterRestored;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.QuorumLossRecovery;
import io.orogen.events.backup.QuorumRecoveryStarted;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreInPlace;
import io.orogen.events.backup.RestoreStarted;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DegradedReason;
import io.orogen.events.cluster.MembersRestored;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.orogen.testing.RestoredSnapshot;
import io.orogen.testing.TestPlatform;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backups through Kafka only, on the default three nodes: cluster-service, three node agents and
 * backup-service as processes; a cluster is created, filled and backed up, the backup-service
 * taking it is {@code kill -9}ed, and a successor finishes it. The artifact is downloaded, checked
 * against its SHA-256 and restored with etcd's own tool, into a new cluster and in place (with
 * cluster-service {@code kill -9}ed midway); a cluster that lost its quorum is restored from its
 * survivor.
 */
class BackupsIT {

  static final URI SOURCE = URI.create("/tests/backups");
  static final Duration WAIT = Duration.ofMinutes(2);

  static TestPlatform platform;
  static QuarkusAppProcess clusterService;
  static Path storage;

  KafkaTestClient client;

  @BeforeAll
  static void startPlatform() {
    platform = TestPlatform.start(Path.of(".."));
    clusterService = platform.startClusterService();
    for (int i = 1; i <= 3; i++) {
      platform.startAgent(i, WorkDirectory.newInstance("node-" + i), 28000);
    }
    storage = WorkDirectory.newInstance("backups");
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
            platform.kafka(), Topics.CLUSTER_EVENTS, Topics.NODE_EVENTS, Topics.BACKUP_EVENTS);
    client.awaitNodes(3, WAIT);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void aBackupWhoseTakerIsKilledIsFinishedByItsSuccessorWholeAndRestorable() throws Exception {
    Map<String, String> shared = Map.of("OROGEN_BACKUP_LOCAL_PATH", storage.toString());
    QuarkusAppProcess first = platform.startBackupService("backup-service-1", shared);
    client.send(CloudEvent.create(SOURCE, new CreateCluster("vault", 3, "3.5", null)));
    ClusterReady ready =
        client.await(ClusterReady.class, r -> r.cluster().equals("vault"), WAIT).data();
    long revision = fill(ready.endpoints(), 2000, 8 * 1024);

    CloudEvent<CreateBackup> backup =
        CloudEvent.create(Domain.BACKUP, SOURCE, new CreateBackup("vault"));
    client.send(backup);
    BackupStarted started =
        client
            .awaitEvent(BackupStarted.class, e -> e.correlationId().equals(backup.id()), WAIT)
            .data();
    first.kill();
    QuarkusAppProcess second = platform.startBackupService("backup-service-2", shared);

    BackupCompleted completed =
        client
            .await(BackupCompleted.class, c -> c.backupId().equals(started.backupId()), WAIT)
            .data();
    assertThat(completed.revision()).isGreaterThanOrEqualTo(revision);
    assertThat(completed.totalKeys()).isGreaterThanOrEqualTo(2000);
    // Nothing half-written is left: the one artifact, and no partial file beside it.
    try (Stream<Path> files = Files.walk(storage)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly(started.backupId() + ".db");
    }

    Path download = WorkDirectory.newInstance("download").resolve("vault.db");
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            second.url() + "/api/v1/backups/" + started.backupId() + "/artifact"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (InputStream body = new DigestInputStream(response.body(), sha256)) {
      Files.copy(body, download, StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(completed.sha256());
    assertThat(response.headers().firstValue("X-Checksum-SHA256")).hasValue(completed.sha256());
    assertThat(RestoredSnapshot.read(download, completed.etcdVersion(), "/vault/1999"))
        .startsWith("1999:");

    // Restored into a new cluster: three members start from the artifact, with every key.
    EtcdKeys.put(ready.endpoints(), "/vault/after-backup", "not in the backup");
    CloudEvent<RestoreCluster> restore =
        CloudEvent.create(
            Domain.BACKUP, SOURCE, new RestoreCluster("vault-copy", started.backupId(), 3, null));
    client.send(restore);
    // backup-service is killed while the members fetch the artifact from it; its successor, on
    // the same address, serves the artifact and finishes the restore.
    client.awaitEvent(RestoreStarted.class, e -> e.correlationId().equals(restore.id()), WAIT);
    int address = second.httpPort();
    second.kill();
    second = platform.startBackupService("backup-service-3", shared, address);
    ClusterRestored restored =
        client.await(ClusterRestored.class, r -> r.cluster().equals("vault-copy"), WAIT).data();
    assertThat(restored.backupId()).isEqualTo(started.backupId());
    assertThat(restored.fromCluster()).isEqualTo("vault");
    assertThat(restored.revision()).isEqualTo(completed.revision());
    assertThat(restored.endpoints()).hasSize(3);
    for (String endpoint : restored.endpoints()) {
      assertThat(EtcdKeys.get(List.of(endpoint), "/vault/1999")).startsWith("1999:");
    }
    assertThat(EtcdKeys.count(restored.endpoints(), "/vault/after-backup")).isZero();

    // Rolled back in place: the same cluster and endpoints, the backup's data, the later key gone.
    CloudEvent<RestoreInPlace> rollBack =
        CloudEvent.create(
            Domain.BACKUP, SOURCE, new RestoreInPlace("vault", started.backupId(), null, null));
    client.send(rollBack);
    // cluster-service is killed while it restores the members (one has stopped); its successor
    // finishes the restore.
    client.await(RestoreStarted.class, r -> r.cluster().equals("vault"), WAIT);
    client.awaitEvent(
        MemberProcessExited.class,
        e -> e.data().cluster().equals("vault") && e.time().isAfter(rollBack.time()),
        WAIT);
    clusterService.kill();
    clusterService = platform.startClusterService("cluster-service-2", Map.of());
    MembersRestored members =
        client.await(MembersRestored.class, r -> r.cluster().equals("vault"), WAIT).data();
    assertThat(members.backupId()).isEqualTo(started.backupId());
    ClusterRestored inPlace =
        client
            .awaitEvent(ClusterRestored.class, e -> e.correlationId().equals(rollBack.id()), WAIT)
            .data();
    assertThat(inPlace.cluster()).isEqualTo("vault");
    assertThat(inPlace.revision()).isEqualTo(completed.revision());
    assertThat(inPlace.endpoints()).containsExactlyInAnyOrderElementsOf(ready.endpoints());
    for (String endpoint : ready.endpoints()) {
      assertThat(EtcdKeys.get(List.of(endpoint), "/vault/1999")).startsWith("1999:");
      assertThat(EtcdKeys.count(List.of(endpoint), "/vault/after-backup")).isZero();
    }
    // It takes writes again, on the old endpoints.
    EtcdKeys.put(ready.endpoints(), "/vault/after-restore", "written");
    assertThat(EtcdKeys.get(ready.endpoints(), "/vault/after-restore")).isEqualTo("written");
  }

  @Test
  void twoInstancesTakeEachScheduledBackupOnceAndAMissedScheduleFiresOnceWhenOneIsBack()
      throws Exception {
    Map<String, String> shared = Map.of("OROGEN_BACKUP_LOCAL_PATH", storage.toString());
    QuarkusAppProcess a = platform.startBackupService("backup-service-a", shared);
    QuarkusAppProcess b = platform.startBackupService("backup-service-b", shared);
    client.send(CloudEvent.create(SOURCE, new CreateCluster("ticks", 3, "3.5", null)));
    client.await(ClusterReady.class, r -> r.cluster().equals("ticks"), WAIT);
    awaitKnown(a, "ticks");
    client.send(
        CloudEvent.create(
            Domain.BACKUP, SOURCE, new SetBackupPolicy("ticks", "*/3 * * * * *", null, 3, null)));
    client.await(BackupPolicySet.class, p -> p.cluster().equals("ticks"), WAIT);
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> scheduledStarts("ticks").size() >= 6);
    // Two instances fire each time once: no two scheduled backups closer than a period less the
    // scheduler's tick (a double fire would be milliseconds apart).
    List<Instant> times = scheduledStarts("ticks");
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)))
          .isGreaterThan(Duration.ofMillis(1500));
    }

    // Both stop; three times pass; one comes back and fires once, late, then on schedule again.
    a.close();
    b.close();
    Thread.sleep(10_000);
    int before = scheduledStarts("ticks").size();
    Instant back = Instant.now();
    platform.startBackupService("backup-service-c", shared);
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> scheduledStarts("ticks").size() > before);
    Thread.sleep(4_000);
    // The missed times fire once, late: then the schedule's next time (which may be moments
    // later), then every 3 s; a catch-up of each missed time would be one a tick (1 s) apart.
    List<Instant> after = scheduledStarts("ticks").stream().filter(t -> t.isAfter(back)).toList();
    Instant first = after.get(0);
    assertThat(after.stream().filter(t -> t.isBefore(first.plusMillis(2500)))).hasSizeLessThan(3);
    for (int i = 2; i < after.size(); i++) {
      assertThat(Duration.between(after.get(i - 1), after.get(i)))
          .isGreaterThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void aClusterThatLostItsQuorumIsRestoredFromItsSurvivorWhenItsPolicySaysSo() throws Exception {
    QuarkusAppProcess service =
        platform.startBackupService(
            "backup-service-q",
            Map.of(
                "OROGEN_BACKUP_LOCAL_PATH",
                storage.toString(),
                "OROGEN_BACKUP_QUORUM_LOSS_GRACE",
                "3s"));
    client.send(CloudEvent.create(SOURCE, new CreateCluster("ledger", 3, "3.5", null)));
    ClusterReady ready =
        client.await(ClusterReady.class, r -> r.cluster().equals("ledger"), WAIT).data();
    awaitKnown(service, "ledger");
    client.send(
        CloudEvent.create(
            Domain.BACKUP,
            SOURCE,
            new SetBackupPolicy(
                "ledger", null, null, null, null, null, QuorumLossRecovery.SURVIVOR)));
    client.await(BackupPolicySet.class, p -> p.cluster().equals("ledger"), WAIT);
    for (int i = 0; i < 50; i++) {
      EtcdKeys.put(ready.endpoints(), "/ledger/" + i, "entry-" + i);
    }

    // Two of three members lose their data: no quorum, and no backup was ever taken.
    // The newest start of each member (its pid and data directory now).
    Map<String, MemberProcessStarted> byMember = new java.util.TreeMap<>();
    client.allEvents(MemberProcessStarted.class).stream()
        .map(CloudEvent::data)
        .filter(s -> s.cluster().equals("ledger"))
        .forEach(s -> byMember.put(s.member(), s));
    List<MemberProcessStarted> started = List.copyOf(byMember.values());
    assertThat(started).hasSize(3);
    String survivor = started.get(0).member();
    for (MemberProcessStarted victim : started.subList(1, 3)) {
      EtcdKeys.loseData(victim.dataDir(), victim.pid());
    }
    client.await(
        ClusterDegraded.class,
        d -> d.cluster().equals("ledger") && d.reason() == DegradedReason.QUORUM_LOST,
        WAIT);

    // The policy restores every member in place from a snapshot of the survivor.
    CloudEvent<QuorumRecoveryStarted> recovery =
        client.awaitEvent(
            QuorumRecoveryStarted.class, e -> e.data().cluster().equals("ledger"), WAIT);
    assertThat(recovery.data().from()).isEqualTo(QuorumLossRecovery.SURVIVOR);
    assertThat(recovery.data().member()).isEqualTo(survivor);
    assertThat(recovery.data().automatic()).isTrue();
    ClusterRestored restored =
        client
            .awaitEvent(
                ClusterRestored.class,
                e -> e.correlationId().equals(recovery.correlationId()),
                WAIT)
            .data();
    assertThat(restored.cluster()).isEqualTo("ledger");
    assertThat(restored.endpoints()).containsExactlyInAnyOrderElementsOf(ready.endpoints());
    for (String endpoint : ready.endpoints()) {
      assertThat(EtcdKeys.get(List.of(endpoint), "/ledger/49")).isEqualTo("entry-49");
    }
    EtcdKeys.put(ready.endpoints(), "/ledger/after", "writable again");
  }

  /** When each scheduled backup of {@code cluster} started, in order. */
  private List<Instant> scheduledStarts(String cluster) {
    return client.allEvents(BackupStarted.class).stream()
        .filter(e -> e.data().cluster().equals(cluster))
        .filter(e -> e.data().trigger() == BackupTrigger.SCHEDULED)
        .map(e -> e.time())
        .sorted()
        .toList();
  }

  /** Writes {@code count} keys of {@code size} bytes; returns the revision after the last. */
  /**
   * Waits until backup-service's picture of the clusters (folded from orogen.cluster.events) has
   * {@code cluster}: a backup command sent before it is refused as naming no cluster. A backup for
   * a storage it lacks names the cluster first (404) while it is unknown, the storage (400) after.
   */
  private static void awaitKnown(QuarkusAppProcess service, String cluster) {
    HttpClient http = HttpClient.newHttpClient();
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/backups"))
                                .header("content-type", "application/json")
                                .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                        "{\"cluster\":\""
                                            + cluster
                                            + "\",\"storage\":\"none-such\"}"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 400);
  }

  private static long fill(List<String> endpoints, int count, int size) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      long revision = 0;
      String padding = "x".repeat(size);
      for (int batch = 0; batch < count; batch += 100) {
        List<CompletableFuture<io.etcd.jetcd.kv.PutResponse>> puts = new ArrayList<>();
        for (int i = batch; i < Math.min(count, batch + 100); i++) {
          puts.add(
              etcd.getKVClient()
                  .put(
                      ByteSequence.from("/vault/" + i, StandardCharsets.UTF_8),
                      ByteSequence.from(i + ":" + padding, StandardCharsets.UTF_8)));
        }
        for (var put : puts) {
          revision = Math.max(revision, put.get(30, TimeUnit.SECONDS).getHeader().getRevision());
        }
      }
      return revision;
    }
  }
}

package io.orogen.backup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.orogen.events.CommandRejected;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupCorrupt;
import io.orogen.events.backup.BackupDeleted;
import io.orogen.events.backup.BackupFailed;
import io.orogen.events.backup.BackupPolicySet;
import io.orogen.events.backup.BackupStarted;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.events.backup.BackupVerified;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.events.backup.RestoreFailed;
import io.orogen.events.backup.RestoreStarted;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.Provider;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.CloudEventHeaders;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.quarkus.EtcdBinariesResource;
import io.orogen.runtime.quarkus.EtcdResource;
import io.orogen.runtime.quarkus.KafkaResource;
import io.orogen.runtime.quarkus.PostgresResource;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.orogen.testing.RestoredSnapshot;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * backup-service against a real Kafka broker, PostgreSQL and real etcd clusters (3.5 and 3.4). The
 * test stands in for cluster-service only as a writer of its events ({@code ClusterAccepted},
 * {@code ClusterReady}), the way any producer of the contract may; the snapshots are real, and each
 * artifact is restored with etcd's own tool and read back.
 */
@QuarkusTest
@WithTestResource(
    value = KafkaResource.class,
    initArgs =
        @ResourceArg(
            name = "topics",
            value =
                "orogen.backup.commands,orogen.backup.events,orogen.cluster.events,orogen.cluster.commands,"
                    + "orogen.backup.commands.dlq,orogen.cluster.events.dlq"))
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "backup"))
@WithTestResource(
    value = EtcdResource.class,
    initArgs = {
      @ResourceArg(name = "members", value = "3"),
      @ResourceArg(name = "property", value = "test.etcd.newest")
    })
@WithTestResource(
    value = EtcdResource.class,
    initArgs = {
      @ResourceArg(name = "members", value = "1"),
      @ResourceArg(name = "version", value = "oldest"),
      @ResourceArg(name = "property", value = "test.etcd.oldest")
    })
@WithTestResource(S3Resource.class)
@WithTestResource(
    value = EtcdBinariesResource.class,
    initArgs = @ResourceArg(name = "property", value = "orogen.backup.etcd-dir"))
class BackupServiceIT {

  static final URI SOURCE = URI.create("/tests/backup");
  static final Duration WAIT = Duration.ofSeconds(60);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @ConfigProperty(name = "test.etcd.newest")
  String newest;

  @ConfigProperty(name = "test.etcd.newest-version")
  String newestVersion;

  @ConfigProperty(name = "test.etcd.oldest")
  String oldest;

  @ConfigProperty(name = "test.etcd.oldest-version")
  String oldestVersion;

  KafkaTestClient client;

  @BeforeEach
  void connect() {
    client =
        new KafkaTestClient(
            kafka,
            Topics.BACKUP_EVENTS,
            Topics.dlq(Topics.BACKUP_COMMANDS),
            Topics.CLUSTER_COMMANDS);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void backupOverKafkaIsWholeRestorableAndTakenFromAFollower() throws Exception {
    String cluster = announce("orders", newest, newestVersion);
    List<String> endpoints = Arrays.asList(newest.split(","));
    for (int i = 0; i < 20; i++) {
      EtcdKeys.put(endpoints, "/orders/" + i, "value-" + i);
    }

    CloudEvent<CreateBackup> command =
        CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, new CreateBackup(cluster));
    client.send(command);
    BackupStarted started =
        client.await(BackupStarted.class, s -> s.cluster().equals(cluster), WAIT).data();
    CloudEvent<BackupCompleted> completedEvent =
        client.awaitEvent(
            BackupCompleted.class, e -> e.data().backupId().equals(started.backupId()), WAIT);
    BackupCompleted completed = completedEvent.data();

    assertThat(completedEvent.correlationId()).isEqualTo(command.id());
    assertThat(completed.clusterToken()).isEqualTo(cluster + "-token");
    assertThat(completed.etcdVersion()).isEqualTo(newestVersion);
    assertThat(completed.revision()).isGreaterThanOrEqualTo(21);
    assertThat(completed.totalKeys()).isGreaterThanOrEqualTo(20);
    assertThat(completed.storage()).isEqualTo("local");
    assertThat(completed.location()).startsWith("file:").endsWith(started.backupId() + ".db");
    // The leader is spared: a follower streamed it.
    assertThat(completed.member()).isNotEqualTo(cluster + leaderOf(endpoints));

    // The artifact on disk and the download are the bytes the checksum names.
    Path file = Path.of(URI.create(completed.location()));
    assertThat(Files.size(file)).isEqualTo(completed.sizeBytes());
    assertThat(sha256(Files.readAllBytes(file))).isEqualTo(completed.sha256());
    Response download = given().get("/api/v1/backups/" + completed.backupId() + "/artifact");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.header("X-Checksum-SHA256")).isEqualTo(completed.sha256());
    byte[] downloaded = download.asByteArray();
    assertThat(sha256(downloaded)).isEqualTo(completed.sha256());

    // Restored with etcd's own tool and started, it holds the keys.
    Path copy = WorkDirectory.newInstance("download").resolve("snapshot.db");
    Files.write(copy, downloaded);
    assertThat(RestoredSnapshot.read(copy, newestVersion, "/orders/19")).isEqualTo("value-19");

    // Verified automatically: restored into a scratch member, it holds what the cluster held.
    BackupVerified verified =
        client
            .await(BackupVerified.class, v -> v.backupId().equals(completed.backupId()), WAIT)
            .data();
    assertThat(verified.revision()).isEqualTo(completed.revision());
    assertThat(verified.keyCount()).isGreaterThanOrEqualTo(20);

    given()
        .get("/api/v1/backups/" + completed.backupId())
        .then()
        .statusCode(200)
        .body("state", equalTo("COMPLETED"))
        .body("verification", equalTo("VERIFIED"))
        .body("sha256", equalTo(completed.sha256()))
        .body("bytesDone", equalTo((int) completed.sizeBytes()));
    given()
        .queryParam("cluster", cluster)
        .get("/api/v1/backups")
        .then()
        .statusCode(200)
        .body("[0].id", equalTo(completed.backupId()));
  }

  @Test
  void aBackupInS3IsRestorable() throws Exception {
    String cluster = announce("objects", newest, newestVersion);
    EtcdKeys.put(Arrays.asList(newest.split(",")), "/objects/key", "in-s3");
    String backupId =
        given()
            .contentType(ContentType.JSON)
            .body("{\"cluster\":\"" + cluster + "\",\"storage\":\"s3\"}")
            .post("/api/v1/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("backupId");
    BackupCompleted completed =
        client.await(BackupCompleted.class, c -> c.backupId().equals(backupId), WAIT).data();
    assertThat(completed.storage()).isEqualTo("s3");
    assertThat(completed.location())
        .isEqualTo("s3://" + S3Resource.BUCKET + "/it/" + cluster + "/" + backupId + ".db");
    Path copy = WorkDirectory.newInstance("download").resolve("snapshot.db");
    Response download = given().get("/api/v1/backups/" + backupId + "/artifact");
    Files.write(copy, download.asByteArray());
    assertThat(sha256(Files.readAllBytes(copy))).isEqualTo(completed.sha256());
    assertThat(RestoredSnapshot.read(copy, newestVersion, "/objects/key")).isEqualTo("in-s3");
  }

  @Test
  void etcd34IsBackedUpAndInspectedWithEtcdctl() throws Exception {
    String cluster = announce("legacy", oldest, oldestVersion);
    EtcdKeys.put(List.of(oldest), "/legacy/key", "from-3.4");
    String backupId =
        given()
            .contentType(ContentType.JSON)
            .body("{\"cluster\":\"" + cluster + "\"}")
            .post("/api/v1/backups")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/backups/" + cluster + "-"))
            .extract()
            .path("backupId");
    BackupCompleted completed =
        client.await(BackupCompleted.class, c -> c.backupId().equals(backupId), WAIT).data();
    assertThat(completed.etcdVersion()).isEqualTo(oldestVersion);
    assertThat(completed.revision()).isGreaterThanOrEqualTo(2);
    Path copy = WorkDirectory.newInstance("download").resolve("snapshot.db");
    Files.write(copy, given().get("/api/v1/backups/" + backupId + "/artifact").asByteArray());
    assertThat(RestoredSnapshot.read(copy, oldestVersion, "/legacy/key")).isEqualTo("from-3.4");
  }

  @Test
  void badRequestsAreAnsweredNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"cluster\":\"nobody\"}")
        .post("/api/v1/backups")
        .then()
        .statusCode(404)
        .body("errors[0].field", equalTo("cluster"));
    String cluster = announce("shop", newest, newestVersion);
    given()
        .contentType(ContentType.JSON)
        .body("{\"cluster\":\"" + cluster + "\",\"storage\":\"tape\"}")
        .post("/api/v1/backups")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("storage"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"cluster\":\"Not A Name\"}")
        .post("/api/v1/backups")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cluster"));
    given().get("/api/v1/backups/none-such").then().statusCode(404);

    CloudEvent<CreateBackup> unknown =
        CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, new CreateBackup("ghost"));
    client.send(unknown);
    CommandRejected rejected =
        client.await(CommandRejected.class, r -> r.commandId().equals(unknown.id()), WAIT).data();
    assertThat(rejected.code()).isEqualTo(RejectionCode.NOT_FOUND);
    assertThat(rejected.fieldErrors()).extracting(f -> f.field()).containsExactly("cluster");

    // An unreadable record is dead-lettered, and the next command is still served.
    client.send(
        new org.apache.kafka.clients.producer.ProducerRecord<>(
            Topics.BACKUP_COMMANDS, "x", "hello".getBytes(StandardCharsets.UTF_8)));
    client.awaitRecord(
        r -> r.topic().equals(Topics.dlq(Topics.BACKUP_COMMANDS)), WAIT, "a DLQ record");
    // Garbage JSON and a 600 KB header: answered with bounded strings and dead-lettered.
    org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> garbage =
        CloudEventCodec.toRecord(
            CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, new CreateBackup(cluster)));
    String garbageId = CloudEventCodec.get(garbage.headers(), CloudEventHeaders.ID);
    client.send(
        new org.apache.kafka.clients.producer.ProducerRecord<>(
            garbage.topic(),
            null,
            garbage.key(),
            "{\"cluster\": [".getBytes(StandardCharsets.UTF_8),
            garbage.headers()));
    client.await(CommandRejected.class, r -> garbageId.equals(r.commandId()), WAIT);
    client.awaitRecord(
        r ->
            r.topic().equals(Topics.dlq(Topics.BACKUP_COMMANDS))
                && garbageId.equals(CloudEventCodec.get(r.headers(), CloudEventHeaders.ID)),
        WAIT,
        "the dead letter of the garbage JSON");
    org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> huge =
        CloudEventCodec.toRecord(
            CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, new CreateBackup(cluster)));
    String hugeId = CloudEventCodec.get(huge.headers(), CloudEventHeaders.ID);
    huge.headers().remove(CloudEventHeaders.TYPE);
    huge.headers()
        .add(CloudEventHeaders.TYPE, "t".repeat(600_000).getBytes(StandardCharsets.UTF_8));
    client.send(huge);
    CommandRejected hugeAnswer =
        client.await(CommandRejected.class, r -> hugeId.equals(r.commandId()), WAIT).data();
    assertThat(hugeAnswer.commandType()).hasSizeLessThanOrEqualTo(200);
    client.awaitRecord(
        r ->
            r.topic().equals(Topics.dlq(Topics.BACKUP_COMMANDS))
                && hugeId.equals(CloudEventCodec.get(r.headers(), CloudEventHeaders.ID)),
        WAIT,
        "the dead letter of the 600 KB header");
    CloudEvent<CreateBackup> next =
        CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, new CreateBackup(cluster));
    client.send(next);
    client.awaitEvent(BackupCompleted.class, e -> e.correlationId().equals(next.id()), WAIT);
  }

  @Test
  void aClusterThatDoesNotAnswerFailsTheBackupAfterItsAttemptsAndLeavesNothing() {
    int dead = FreePorts.take();
    String cluster = announce("gone", "http://127.0.0.1:" + dead, newestVersion);
    CloudEvent<CreateBackup> command =
        CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, new CreateBackup(cluster));
    client.send(command);
    BackupFailed failed =
        client
            .awaitEvent(BackupFailed.class, e -> e.correlationId().equals(command.id()), WAIT)
            .data();
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.reason()).contains("no member of " + cluster + " answers");
    given()
        .get("/api/v1/backups/" + failed.backupId())
        .then()
        .body("state", equalTo("FAILED"))
        .body("location", org.hamcrest.Matchers.nullValue());
    given().get("/api/v1/backups/" + failed.backupId() + "/artifact").then().statusCode(409);
  }

  @Test
  void deletedBackupLeavesStorageAndTheList() throws Exception {
    String cluster = announce("temp", newest, newestVersion);
    BackupCompleted completed = backUp(cluster);
    String backupId = completed.backupId();
    Path file = Path.of(URI.create(completed.location()));
    assertThat(file).exists();

    CloudEvent<DeleteBackup> delete =
        CloudEvent.create(
            io.orogen.events.Domain.BACKUP, SOURCE, new DeleteBackup(cluster, backupId));
    client.send(delete);
    client.await(BackupDeleted.class, d -> d.backupId().equals(backupId), WAIT);
    assertThat(file).doesNotExist();
    assertThat(Files.list(file.getParent()).toList()).isEmpty();
    given().get("/api/v1/backups/" + backupId).then().statusCode(404);
    given().delete("/api/v1/backups/" + backupId).then().statusCode(404);
  }

  @Test
  void aPolicyThatCannotWorkIsRefusedNamingTheField() {
    String cluster = announce("policy", newest, newestVersion);
    String url = "/api/v1/clusters/" + cluster + "/backup-policy";
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":\"every hour\"}")
        .put(url)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("schedule"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":\"0 * * * *\",\"keepLast\":0}")
        .put(url)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("keepLast"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":\"0 * * * *\",\"storage\":\"tape\"}")
        .put(url)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("storage"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":\"0 * * * *\"}")
        .put("/api/v1/clusters/nobody/backup-policy")
        .then()
        .statusCode(404)
        .body("errors[0].field", equalTo("cluster"));
    given().get(url).then().statusCode(404);

    CloudEvent<SetBackupPolicy> bad =
        CloudEvent.create(
            io.orogen.events.Domain.BACKUP,
            SOURCE,
            new SetBackupPolicy(cluster, "61 * * * *", null, 3, null));
    client.send(bad);
    CommandRejected rejected =
        client.await(CommandRejected.class, r -> r.commandId().equals(bad.id()), WAIT).data();
    assertThat(rejected.fieldErrors()).extracting(f -> f.field()).containsExactly("schedule");

    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":\"0 3 * * *\",\"keepLast\":7,\"tiered\":true}")
        .put(url)
        .then()
        .statusCode(200)
        .body("schedule", equalTo("0 3 * * *"))
        .body("storage", equalTo("local"))
        .body("keepLast", equalTo(7))
        .body("tiered", equalTo(true))
        .body("nextBackupAt", containsString("T03:00:00"));
    client.await(BackupPolicySet.class, p -> p.cluster().equals(cluster), WAIT);
  }

  @Test
  void scheduledBackupsAreTakenAndRetentionKeepsTheNewest() {
    String cluster = announce("hourly", newest, newestVersion);
    CloudEvent<SetBackupPolicy> policy =
        CloudEvent.create(
            io.orogen.events.Domain.BACKUP,
            SOURCE,
            new SetBackupPolicy(cluster, "*/2 * * * * *", null, 2, null));
    client.send(policy);
    client.await(BackupPolicySet.class, p -> p.cluster().equals(cluster), WAIT);
    // A manual backup is not subject to retention.
    String manual =
        given()
            .contentType(ContentType.JSON)
            .body("{\"cluster\":\"" + cluster + "\"}")
            .post("/api/v1/backups")
            .then()
            .extract()
            .path("backupId");

    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                client.all(BackupDeleted.class).stream()
                        .filter(d -> d.cluster().equals(cluster) && d.reason().equals("Retention"))
                        .count()
                    >= 2);
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":null}")
        .put("/api/v1/clusters/" + cluster + "/backup-policy")
        .then()
        .statusCode(200);
    List<BackupStarted> scheduled =
        client.all(BackupStarted.class).stream()
            .filter(s -> s.cluster().equals(cluster) && s.trigger() == BackupTrigger.SCHEDULED)
            .toList();
    assertThat(scheduled).hasSizeGreaterThanOrEqualTo(4);
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<String> completedScheduled =
                  given()
                      .queryParam("cluster", cluster)
                      .get("/api/v1/backups")
                      .then()
                      .extract()
                      .jsonPath()
                      .getList("findAll { it.trigger == 'SCHEDULED' }.state");
              assertThat(completedScheduled).containsOnly("COMPLETED").hasSizeLessThanOrEqualTo(2);
            });
    given()
        .get("/api/v1/backups/" + manual)
        .then()
        .statusCode(200)
        .body("state", equalTo("COMPLETED"));
  }

  @Test
  void aPolicyThatSamplesVerifiesOneScheduledBackupInN() {
    String cluster = announce("sampled", newest, newestVersion);
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":\"*/2 * * * * *\",\"keepLast\":20,\"verifyEvery\":3}")
        .put("/api/v1/clusters/" + cluster + "/backup-policy")
        .then()
        .statusCode(200)
        .body("verifyEvery", equalTo(3));
    client.await(
        BackupPolicySet.class, p -> p.cluster().equals(cluster) && p.verifyEvery() == 3, WAIT);
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> scheduled(cluster).size() >= 4);
    given()
        .contentType(ContentType.JSON)
        .body("{\"schedule\":null}")
        .put("/api/v1/clusters/" + cluster + "/backup-policy")
        .then()
        .statusCode(200)
        .body("verifyEvery", equalTo(1));

    // The first is verified, the next two are not, the fourth is.
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        scheduled(cluster).subList(0, 4).stream()
                            .map(b -> String.valueOf(b.get("verification")))
                            .toList())
                    .containsExactly("VERIFIED", "NOT_SAMPLED", "NOT_SAMPLED", "VERIFIED"));
    List<Map<String, Object>> first = scheduled(cluster).subList(0, 4);
    assertThat(
            client.all(BackupVerified.class).stream()
                .filter(v -> v.cluster().equals(cluster))
                .map(BackupVerified::backupId))
        .contains(first.get(0).get("id").toString(), first.get(3).get("id").toString())
        .doesNotContain(first.get(1).get("id").toString(), first.get(2).get("id").toString());
  }

  /** The cluster's completed scheduled backups, oldest first. */
  private static List<Map<String, Object>> scheduled(String cluster) {
    List<Map<String, Object>> backups =
        given()
            .queryParam("cluster", cluster)
            .get("/api/v1/backups")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("findAll { it.trigger == 'SCHEDULED' && it.state == 'COMPLETED' }");
    return backups.stream()
        .sorted(
            java.util.Comparator.comparing(
                (Map<String, Object> b) -> Instant.parse(b.get("completedAt").toString())))
        .toList();
  }

  @Test
  void aFlippedByteInStorageIsFoundCorrupt() throws Exception {
    String cluster = announce("rot", newest, newestVersion);
    EtcdKeys.put(Arrays.asList(newest.split(",")), "/rot/key", "intact");
    BackupCompleted completed = backUp(cluster);
    String backupId = completed.backupId();
    client.await(BackupVerified.class, v -> v.backupId().equals(backupId), WAIT);

    Path file = Path.of(URI.create(completed.location()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    given().post("/api/v1/backups/" + backupId + "/verify").then().statusCode(202);
    BackupCorrupt corrupt =
        client.await(BackupCorrupt.class, c -> c.backupId().equals(backupId), WAIT).data();
    assertThat(corrupt.reason()).startsWith("checksum mismatch");
    given()
        .get("/api/v1/backups/" + backupId)
        .then()
        .body("verification", equalTo("CORRUPT"))
        .body("verificationDetail", startsWith("checksum mismatch"));
    // No restore uses it.
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"rot-copy\"}")
        .post("/api/v1/backups/" + backupId + "/restore")
        .then()
        .statusCode(409)
        .body("detail", containsString("corrupt"));
  }

  @Test
  void aRestoreAsksClusterServiceForAClusterWhoseMembersStartFromTheArtifact() {
    String cluster = announce("source", newest, newestVersion);
    BackupCompleted completed = backUp(cluster);
    String backupId = completed.backupId();

    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"" + cluster + "\"}")
        .post("/api/v1/backups/" + backupId + "/restore")
        .then()
        .statusCode(409)
        .body("errors[0].field", equalTo("into"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"copy\"}")
        .post("/api/v1/backups/none-such/restore")
        .then()
        .statusCode(404)
        .body("errors[0].field", equalTo("backupId"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"copy\",\"size\":2}")
        .post("/api/v1/backups/" + backupId + "/restore")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"));

    String into = cluster + "-copy";
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"" + into + "\",\"size\":1}")
        .post("/api/v1/backups/" + backupId + "/restore")
        .then()
        .statusCode(202);
    client.await(RestoreStarted.class, r -> r.cluster().equals(into), WAIT);
    CreateCluster create =
        client.await(CreateCluster.class, c -> c.name().equals(into), WAIT).data();
    assertThat(create.size()).isEqualTo(1);
    assertThat(create.version())
        .isEqualTo(newestVersion.substring(0, newestVersion.lastIndexOf('.')));
    assertThat(create.restoreFrom().sha256()).isEqualTo(completed.sha256());
    assertThat(create.restoreFrom().revision()).isEqualTo(completed.revision());
    assertThat(create.restoreFrom().url()).endsWith("/api/v1/backups/" + backupId + "/artifact");

    // cluster-service refuses it (here: the test answers as it would): the restore fails.
    CloudEvent<CreateCluster> sent =
        client.awaitEvent(CreateCluster.class, e -> e.data().name().equals(into), WAIT);
    client.send(
        CloudEvent.create(
                io.orogen.events.Domain.CLUSTER,
                SOURCE,
                new CommandRejected(
                    sent.id(),
                    sent.type(),
                    into,
                    RejectionCode.INSUFFICIENT_NODES,
                    "size 1 needs 1 nodes, 0 are ready",
                    List.of()))
            .withCorrelation(sent.correlationId(), sent.id()));
    RestoreFailed failed =
        client.await(RestoreFailed.class, f -> f.cluster().equals(into), WAIT).data();
    assertThat(failed.reason()).contains("0 are ready");

    // In place: cluster-service is asked to restore the cluster's own members from the artifact.
    given()
        .contentType(ContentType.JSON)
        .body("{\"inPlace\":true}")
        .post("/api/v1/clusters/none-such/restore")
        .then()
        .statusCode(404)
        .body("errors[0].field", equalTo("cluster"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"inPlace\":true,\"into\":\"other\"}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("into"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"inPlace\":true,\"backupId\":\"" + backupId + "\"}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(202);
    RestoreStarted rollBack =
        client.await(RestoreStarted.class, r -> r.cluster().equals(cluster), WAIT).data();
    assertThat(rollBack.inPlace()).isTrue();
    io.orogen.events.cluster.RestoreMembers members =
        client
            .await(
                io.orogen.events.cluster.RestoreMembers.class,
                r -> r.cluster().equals(cluster),
                WAIT)
            .data();
    assertThat(members.restoreFrom().sha256()).isEqualTo(completed.sha256());
    // One restore of a cluster at a time.
    given()
        .contentType(ContentType.JSON)
        .body("{\"inPlace\":true}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(409)
        .body("errors[0].field", equalTo("cluster"));
  }

  @Test
  void aPointInTimeRestoreRebuildsTheKeySpaceOfAChosenRevisionOrTime() throws Exception {
    String cluster = announce("timeline", newest, newestVersion);
    List<String> endpoints = Arrays.asList(newest.split(","));
    String prefix = "/" + cluster + "/";
    given()
        .contentType(ContentType.JSON)
        .body("{\"deltaSeconds\":1}")
        .put("/api/v1/clusters/" + cluster + "/backup-policy")
        .then()
        .statusCode(200)
        .body("deltaSeconds", equalTo(1));
    for (int i = 0; i < 5; i++) {
      EtcdKeys.put(endpoints, prefix + "k" + i, "before-" + i);
    }
    BackupCompleted full = backUp(cluster);

    // Changes after the full snapshot: puts, an overwrite and a delete, with their revisions.
    List<Long> revisions = new ArrayList<>();
    for (int i = 5; i < 10; i++) {
      revisions.add(EtcdKeys.putRevision(endpoints, prefix + "k" + i, "after-" + i));
    }
    revisions.add(EtcdKeys.putRevision(endpoints, prefix + "k1", "overwritten"));
    revisions.add(EtcdKeys.deleteRevision(endpoints, prefix + "k2"));
    Thread.sleep(1500);
    java.time.Instant between = java.time.Instant.now();
    Thread.sleep(1500);
    long last = 0;
    for (int i = 10; i < 15; i++) {
      last = EtcdKeys.putRevision(endpoints, prefix + "k" + i, "later-" + i);
    }
    awaitDeltas(cluster, last);

    // To a revision in the middle: the overwrite is in, the delete is not.
    long middle = revisions.get(5);
    String into = cluster + "-rev";
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"" + into + "\",\"size\":1,\"atRevision\":" + middle + "}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(202);
    RestoreStarted started =
        client.await(RestoreStarted.class, r -> r.cluster().equals(into), WAIT).data();
    assertThat(started.pointInTime()).isTrue();
    assertThat(started.revision()).isEqualTo(middle);
    BackupCompleted rebuilt =
        client
            .await(BackupCompleted.class, c -> c.backupId().equals(started.backupId()), WAIT)
            .data();
    assertThat(rebuilt.trigger()).isEqualTo(BackupTrigger.POINT_IN_TIME);
    assertThat(rebuilt.revision()).isEqualTo(middle);
    java.util.SortedMap<String, String> atMiddle = keySpace(rebuilt, prefix);
    assertThat(atMiddle).isEqualTo(EtcdKeys.prefix(endpoints, prefix, middle));
    assertThat(atMiddle).containsEntry(prefix + "k1", "overwritten").containsKey(prefix + "k2");
    CreateCluster create =
        client.await(CreateCluster.class, c -> c.name().equals(into), WAIT).data();
    assertThat(create.restoreFrom().backupId()).isEqualTo(rebuilt.backupId());
    assertThat(create.restoreFrom().revision()).isEqualTo(middle);

    // To a time between the two bursts of writes: everything before it, nothing after.
    CloudEvent<io.orogen.events.backup.RestoreCluster> atTime =
        restoreCommand(
            new io.orogen.events.backup.RestoreCluster(
                cluster + "-time", null, 1, null, cluster, null, between));
    client.send(atTime);
    BackupCompleted asOfThen =
        client
            .await(
                BackupCompleted.class,
                c ->
                    c.cluster().equals(cluster)
                        && c.trigger() == BackupTrigger.POINT_IN_TIME
                        && !c.backupId().equals(rebuilt.backupId()),
                WAIT)
            .data();
    long lastBefore = revisions.get(revisions.size() - 1);
    assertThat(asOfThen.revision()).isEqualTo(lastBefore);
    java.util.SortedMap<String, String> then = keySpace(asOfThen, prefix);
    assertThat(then).isEqualTo(EtcdKeys.prefix(endpoints, prefix, lastBefore));
    assertThat(then).doesNotContainKey(prefix + "k2").doesNotContainKey(prefix + "k10");

    // Targets the backups cannot reach are refused, naming the field.
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"too-old\",\"atRevision\":" + (full.revision() - 1) + "}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("atRevision"))
        .body("detail", containsString("older than the oldest full snapshot"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"too-new\",\"atRevision\":" + (last + 100000) + "}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("atRevision"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"into\":\"future\",\"atTime\":\"2099-01-01T00:00:00Z\"}")
        .post("/api/v1/clusters/" + cluster + "/restore")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("atTime"));
    CloudEvent<io.orogen.events.backup.RestoreCluster> both =
        restoreCommand(
            new io.orogen.events.backup.RestoreCluster(
                "both", full.backupId(), 1, null, cluster, middle, null));
    client.send(both);
    CommandRejected rejected =
        client
            .awaitEvent(CommandRejected.class, e -> e.causationId().equals(both.id()), WAIT)
            .data();
    assertThat(rejected.fieldErrors().get(0).field()).isEqualTo("backupId");
  }

  /**
   * The keys under {@code prefix} in backup {@code backup}'s artifact, restored with etcd's tool.
   */
  @Test
  void aPointInTimeRestoreOfEtcd34ReplaysTheChangesItsWatchRecorded() throws Exception {
    String cluster = announce("legacy-timeline", oldest, oldestVersion);
    List<String> endpoints = List.of(oldest);
    String prefix = "/" + cluster + "/";
    given()
        .contentType(ContentType.JSON)
        .body("{\"deltaSeconds\":1}")
        .put("/api/v1/clusters/" + cluster + "/backup-policy")
        .then()
        .statusCode(200);
    EtcdKeys.put(endpoints, prefix + "a", "before");
    BackupCompleted full = backUp(cluster);
    assertThat(full.etcdVersion()).isEqualTo(oldestVersion);
    EtcdKeys.putRevision(endpoints, prefix + "b", "after");
    long overwrite = EtcdKeys.putRevision(endpoints, prefix + "a", "overwritten");
    long delete = EtcdKeys.deleteRevision(endpoints, prefix + "b");
    awaitDeltas(cluster, delete);

    CloudEvent<io.orogen.events.backup.RestoreCluster> restore =
        restoreCommand(
            new io.orogen.events.backup.RestoreCluster(
                cluster + "-copy", null, 1, null, cluster, overwrite, null));
    client.send(restore);
    RestoreStarted started =
        client
            .awaitEvent(RestoreStarted.class, e -> e.correlationId().equals(restore.id()), WAIT)
            .data();
    BackupCompleted rebuilt =
        client
            .await(BackupCompleted.class, c -> c.backupId().equals(started.backupId()), WAIT)
            .data();
    assertThat(rebuilt.trigger()).isEqualTo(BackupTrigger.POINT_IN_TIME);
    assertThat(rebuilt.etcdVersion()).isEqualTo(oldestVersion);
    assertThat(rebuilt.revision()).isEqualTo(overwrite);
    assertThat(keySpace(rebuilt, prefix))
        .isEqualTo(EtcdKeys.prefix(endpoints, prefix, overwrite))
        .containsEntry(prefix + "a", "overwritten")
        .containsEntry(prefix + "b", "after");
  }

  private java.util.SortedMap<String, String> keySpace(BackupCompleted backup, String prefix)
      throws Exception {
    Path copy = WorkDirectory.newInstance("point-in-time").resolve("snapshot.db");
    Files.write(
        copy, given().get("/api/v1/backups/" + backup.backupId() + "/artifact").asByteArray());
    return RestoredSnapshot.readPrefix(copy, backup.etcdVersion(), prefix);
  }

  private static CloudEvent<io.orogen.events.backup.RestoreCluster> restoreCommand(
      io.orogen.events.backup.RestoreCluster command) {
    return CloudEvent.create(io.orogen.events.Domain.BACKUP, SOURCE, command);
  }

  /** Waits until the delta record of {@code cluster} reaches {@code revision} without a gap. */
  private static void awaitDeltas(String cluster, long revision) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> {
              Integer reached =
                  given()
                      .get("/api/v1/clusters/" + cluster + "/backup-policy")
                      .then()
                      .statusCode(200)
                      .extract()
                      .path("deltasToRevision");
              return reached != null && reached >= revision;
            });
  }

  /** Backs {@code cluster} up through REST and waits for it to complete. */
  private BackupCompleted backUp(String cluster) {
    String backupId =
        given()
            .contentType(ContentType.JSON)
            .body("{\"cluster\":\"" + cluster + "\"}")
            .post("/api/v1/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("backupId");
    return client.await(BackupCompleted.class, c -> c.backupId().equals(backupId), WAIT).data();
  }

  /** Publishes what cluster-service says of a new, ready cluster; returns its (unique) name. */
  private String announce(String prefix, String clientUrls, String version) {
    String cluster = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    List<ClusterMember> members = new ArrayList<>();
    String[] urls = clientUrls.split(",");
    for (int i = 0; i < urls.length; i++) {
      members.add(
          new ClusterMember(
              cluster + "-" + i, "node-" + i, null, null, urls[i], MemberRole.FOLLOWER, version));
    }
    client.send(
        CloudEvent.create(
            io.orogen.events.Domain.CLUSTER,
            SOURCE,
            new ClusterAccepted(
                cluster, urls.length, version, version, Provider.AGENTS, cluster + "-token")));
    client.send(
        CloudEvent.create(
            io.orogen.events.Domain.CLUSTER,
            SOURCE,
            new ClusterReady(cluster, version, urls.length, List.of(urls), members)));
    // The projection has it once the API knows the cluster (a 404 names the cluster until then).
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                given()
                        .contentType(ContentType.JSON)
                        .body("{\"cluster\":\"" + cluster + "\",\"storage\":\"none-such\"}")
                        .post("/api/v1/backups")
                        .statusCode()
                    == 400);
    return cluster;
  }

  /** The name ({@code <cluster>-<index>}) the test gave the leader among {@code endpoints}. */
  private static String leaderOf(List<String> endpoints) throws Exception {
    try (io.etcd.jetcd.Client etcd =
        io.etcd.jetcd.Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      for (String url : endpoints) {
        var status = etcd.getMaintenanceClient().statusMember(url).get(5, TimeUnit.SECONDS);
        if (status.getLeader() == status.getHeader().getMemberId()) {
          return "-" + endpoints.indexOf(url);
        }
      }
    }
    return "none";
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

package io.orogen.cluster.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.orogen.events.CommandRejected;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.CloudEventHeaders;
import io.orogen.events.node.NodeRegistered;
import io.orogen.testing.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records that once stopped cluster-service's consumers for good, each sent on purpose: every one
 * is answered or dead-lettered, and the next valid command is still served.
 */
@QuarkusTest
@WithTestResource(PlatformResource.class)
class HostileInputIT {

  static final URI SOURCE = URI.create("/tests/hostile");
  static final Duration WAIT = Duration.ofSeconds(60);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  KafkaTestClient client;

  @BeforeEach
  void connect() {
    client =
        new KafkaTestClient(
            kafka,
            Topics.CLUSTER_EVENTS,
            Topics.NODE_EVENTS,
            Topics.dlq(Topics.CLUSTER_COMMANDS),
            Topics.dlq(Topics.NODE_EVENTS),
            Topics.dlq(Topics.NODE_COMMANDS));
    Platform.awaitNodesReady();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void aRecordWithoutHeadersIsAnsweredAndDeadLettered() {
    client.send(
        new ProducerRecord<>(
            Topics.CLUSTER_COMMANDS, null, (String) null, bytes("hello"), new RecordHeaders()));
    CommandRejected answer =
        client
            .await(
                CommandRejected.class,
                r ->
                    r.code() == RejectionCode.UNREADABLE_RECORD
                        && r.message().contains("missing CloudEvents header"))
            .data();
    assertThat(answer.aggregateId()).isNotNull();
    client.awaitRecord(
        r -> r.topic().equals(Topics.dlq(Topics.CLUSTER_COMMANDS)) && r.key() == null,
        WAIT,
        "the dead letter of a header-less record");
    assertStillServing();
  }

  @Test
  void anInvalidCommandSentTwiceIsAnsweredOnce() {
    CloudEvent<CreateCluster> invalid =
        CloudEvent.create(SOURCE, new CreateCluster("Twice_Invalid", 3, "3.5", null));
    client.send(invalid);
    client.send(invalid);
    client.await(CommandRejected.class, r -> invalid.id().equals(r.commandId()));
    assertStillServing();
    assertThat(client.all(CommandRejected.class))
        .filteredOn(r -> invalid.id().equals(r.commandId()))
        .hasSize(1);
  }

  @Test
  void anIdOfKilobytesOrWithNulIsAnsweredWithABoundedOne() {
    for (String id : new String[] {"k".repeat(4000), "nul\u0000id"}) {
      ProducerRecord<String, byte[]> record = create("huge-id");
      replace(record.headers(), CloudEventHeaders.ID, id);
      client.send(record);
    }
    assertThat(
            client
                .await(
                    CommandRejected.class,
                    r -> r.commandId() != null && r.commandId().startsWith("kkkk"))
                .data()
                .commandId())
        .hasSizeLessThanOrEqualTo(200);
    assertThat(
            client
                .await(
                    CommandRejected.class,
                    r -> r.commandId() != null && r.commandId().startsWith("nul"))
                .data()
                .commandId())
        .doesNotContain("\u0000");
    assertStillServing();
  }

  @Test
  void aHeaderOf600KbIsNotCopiedAndTheCopyStillLandsInTheDeadLetterTopic() {
    ProducerRecord<String, byte[]> record = create("huge-type");
    String id = CloudEventCodec.get(record.headers(), CloudEventHeaders.ID);
    replace(record.headers(), CloudEventHeaders.TYPE, "t".repeat(600_000));
    client.send(record);
    CommandRejected answer =
        client.await(CommandRejected.class, r -> id.equals(r.commandId())).data();
    assertThat(answer.code()).isEqualTo(RejectionCode.UNKNOWN_TYPE);
    assertThat(answer.commandType()).hasSizeLessThanOrEqualTo(200);
    assertThat(answer.message()).hasSizeLessThanOrEqualTo(2000);
    client.awaitRecord(
        r ->
            r.topic().equals(Topics.dlq(Topics.CLUSTER_COMMANDS))
                && id.equals(CloudEventCodec.get(r.headers(), CloudEventHeaders.ID)),
        WAIT,
        "the dead letter of the 600 KB header");
    assertStillServing();
  }

  @Test
  void anOutboxRowKafkaRefusesIsSetAsideAndTheRowsBehindItGoOut() throws Exception {
    String eventId = UUID.randomUUID().toString();
    try (Connection db = database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO outbox (event_id, topic, record_key, ce_type, ce_source, ce_time,"
                    + " correlation_id, data) VALUES (?, ?, 'huge', ?, '/tests', now(), ?, ?)")) {
      insert.setString(1, eventId);
      insert.setString(2, Topics.CLUSTER_EVENTS);
      insert.setString(3, "io.orogen.cluster.ClusterDeleted.v1");
      insert.setString(4, eventId);
      insert.setString(5, "{\"cluster\":\"" + "h".repeat(2_000_000) + "\"}");
      insert.executeUpdate();
    }
    assertStillServing();
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              try (Connection db = database();
                  PreparedStatement query =
                      db.prepareStatement(
                          "SELECT failed_at, failure FROM outbox WHERE event_id = ?")) {
                query.setString(1, eventId);
                try (ResultSet row = query.executeQuery()) {
                  assertThat(row.next()).isTrue();
                  assertThat(row.getTimestamp(1)).isNotNull();
                  assertThat(row.getString(2)).contains("RecordTooLarge");
                }
              }
            });
  }

  @Test
  void mistypedFieldsAreInvalidNotCoerced() {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            Topics.CLUSTER_COMMANDS,
            null,
            "coerced",
            bytes("{\"name\":\"coerced\",\"size\":3.9,\"version\":\"3.5\"}"),
            create("coerced").headers());
    String id = CloudEventCodec.get(record.headers(), CloudEventHeaders.ID);
    client.send(record);
    CommandRejected answer =
        client.await(CommandRejected.class, r -> id.equals(r.commandId())).data();
    assertThat(answer.code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(answer.fieldErrors()).extracting(FieldError::field).containsExactly("size");
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"coerced\", \"size\": \"3\", \"version\": \"3.5\"}")
        .post("/api/v1/clusters")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"));
  }

  @Test
  void aBodyThatIsNotJsonGetsAProblem() {
    for (String body : new String[] {"garbage", "{\"name\": ", "[1, 2"}) {
      given()
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/clusters")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("UnreadableRecord"))
          .body("detail", startsWith("the body is not valid JSON"));
    }
  }

  @Test
  void aNameTooLongForItsMembersIsRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "n".repeat(60), "size", 1, "version", "3.5"))
        .post("/api/v1/clusters")
        .then()
        .statusCode(400)
        .body("code", equalTo("InvalidField"))
        .body("errors[0].field", equalTo("name"))
        .body("errors[0].message", startsWith("must be at most 54 characters"));
  }

  @Test
  void aRecordKeyedForAnotherAggregateIsRefused() {
    ProducerRecord<String, byte[]> record = create("keyed");
    client.send(
        new ProducerRecord<>(
            Topics.CLUSTER_COMMANDS, null, "another", record.value(), record.headers()));
    String id = CloudEventCodec.get(record.headers(), CloudEventHeaders.ID);
    CommandRejected answer =
        client.await(CommandRejected.class, r -> id.equals(r.commandId())).data();
    assertThat(answer.fieldErrors()).extracting(FieldError::field).containsExactly("key");
  }

  @Test
  void aDeleteForAnotherIncarnationLeavesTheClusterAlone() {
    CloudEvent<CreateCluster> create =
        CloudEvent.create(SOURCE, new CreateCluster("incarnation", 1, "3.5", null));
    client.send(create);
    String token =
        client
            .await(ClusterAccepted.class, a -> a.cluster().equals("incarnation"))
            .data()
            .clusterToken();
    assertThat(token).startsWith("incarnation-");
    CloudEvent<DeleteCluster> stale =
        CloudEvent.create(SOURCE, new DeleteCluster("incarnation", "incarnation-0ld"));
    client.send(stale);
    assertThat(
            client
                .await(CommandRejected.class, r -> stale.id().equals(r.commandId()))
                .data()
                .code())
        .isEqualTo(RejectionCode.NOT_FOUND);
    client.send(CloudEvent.create(SOURCE, new DeleteCluster("incarnation", token)));
    client.await(ClusterDeleted.class, d -> d.cluster().equals("incarnation"));
  }

  @Test
  void brokenNodeEventsAreDeadLetteredAndNeverApplied() {
    for (String json :
        new String[] {
          "{\"node\":\"forged-1\",\"bootId\":\"b\",\"address\":\"10.0.0.1\","
              + "\"capacity\":{\"maxMembers\":8},\"portRange\":{\"first\":1,\"last\":9}}",
          "{\"node\":\"forged-2\",\"bootId\":\"b\",\"address\":\"10.0.0.1\",\"etcdVersions\":"
              + "[\"3.5.x\"],\"capacity\":{\"maxMembers\":8},\"portRange\":{\"first\":1,\"last\":9}}"
        }) {
      String node = json.substring(9, 17);
      client.send(nodeEvent("io.orogen.node.NodeRegistered.v1", node, json));
      client.awaitRecord(
          r -> r.topic().equals(Topics.dlq(Topics.NODE_EVENTS)) && node.equals(r.key()),
          WAIT,
          "the dead letter of " + node);
    }
    client.send(nodeEvent("io.orogen.node.NodeHeartbeat.v1", "nobody", "{\"bootId\":\"b\"}"));
    client.awaitRecord(
        r -> r.topic().equals(Topics.dlq(Topics.NODE_EVENTS)) && "nobody".equals(r.key()),
        WAIT,
        "the dead letter of a heartbeat without a node");
    given()
        .get("/api/v1/nodes")
        .then()
        .statusCode(200)
        .body("findAll { it.name.startsWith('forged') }.size()", equalTo(0));
    assertStillServing();
  }

  @Test
  void aNodeCommandNoAgentTakesIsDeadLettered() {
    client.send(
        new ProducerRecord<>(
            Topics.NODE_COMMANDS, null, "ghost-node", bytes("{}"), new RecordHeaders()));
    client.awaitRecord(
        r -> r.topic().equals(Topics.dlq(Topics.NODE_COMMANDS)) && "ghost-node".equals(r.key()),
        WAIT,
        "the dead letter of a command for no node");
  }

  @Test
  void aStartTheAgentRefusesFailsTheMemberAndTheClusterCanStillBeDeleted() {
    // cluster-service is told node-1 has a release it does not have (a forged registration).
    NodeRegistered real = client.await(NodeRegistered.class, r -> r.node().equals("node-1")).data();
    List<String> versions = new java.util.ArrayList<>(real.etcdVersions());
    versions.add(0, "3.99.0");
    client.send(CloudEvent.create(SOURCE, withVersions(real, versions)));
    try {
      org.awaitility.Awaitility.await()
          .atMost(WAIT)
          .until(
              () ->
                  given()
                      .get("/api/v1/nodes")
                      .then()
                      .extract()
                      .jsonPath()
                      .getList("find { it.name == 'node-1' }.etcdVersions")
                      .contains("3.99.0"));
      CloudEvent<CreateCluster> create =
          CloudEvent.create(SOURCE, new CreateCluster("refused", 1, "3.99.0", null));
      client.send(create);
      MemberFailed failed =
          client
              .await(
                  MemberFailed.class,
                  f -> f.cluster().equals("refused") && f.failure() == MemberFailure.START_REFUSED)
              .data();
      assertThat(failed.message()).contains("3.99.0 is not installed");
      client.send(CloudEvent.create(SOURCE, new DeleteCluster("refused")));
      client.await(ClusterDeleted.class, d -> d.cluster().equals("refused"));
    } finally {
      client.send(CloudEvent.create(SOURCE, withVersions(real, real.etcdVersions())));
    }
  }

  private static NodeRegistered withVersions(NodeRegistered node, List<String> versions) {
    return new NodeRegistered(
        node.node(),
        node.bootId(),
        node.labels(),
        node.address(),
        versions,
        node.capacity(),
        node.portRange(),
        node.agentVersion());
  }

  /** A valid command sent now is answered: the consumer goes on. */
  private void assertStillServing() {
    CloudEvent<DeleteCluster> probe =
        CloudEvent.create(
            SOURCE, new DeleteCluster("no-such-" + UUID.randomUUID().toString().substring(0, 8)));
    client.send(probe);
    assertThat(
            client
                .awaitEvent(
                    CommandRejected.class, e -> probe.id().equals(e.data().commandId()), WAIT)
                .data()
                .code())
        .isEqualTo(RejectionCode.NOT_FOUND);
  }

  private static ProducerRecord<String, byte[]> create(String name) {
    return CloudEventCodec.toRecord(
        CloudEvent.create(SOURCE, new CreateCluster(name, 1, "3.5", null)));
  }

  private static ProducerRecord<String, byte[]> nodeEvent(String type, String key, String json) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
    headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
    headers.add(CloudEventHeaders.SOURCE, bytes("/tests/forger"));
    headers.add(CloudEventHeaders.TYPE, bytes(type));
    return new ProducerRecord<>(Topics.NODE_EVENTS, null, key, bytes(json), headers);
  }

  private Connection database() throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", "postgres");
    credentials.setProperty("password", "postgres");
    return new org.postgresql.Driver().connect(jdbcUrl, credentials);
  }

  private static void replace(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, bytes(value));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

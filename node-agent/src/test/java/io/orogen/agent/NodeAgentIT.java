package io.orogen.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import com.sun.net.httpserver.HttpServer;
import io.orogen.events.CommandRejected;
import io.orogen.events.RejectionCode;
import io.orogen.events.RestoreFrom;
import io.orogen.events.Topics;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.node.InitialClusterState;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.runtime.quarkus.EtcdBinariesResource;
import io.orogen.runtime.quarkus.KafkaResource;
import io.orogen.testing.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent on a real Kafka broker, driven by commands from a plain Kafka client. */
@QuarkusTest
@WithTestResource(
    value = KafkaResource.class,
    initArgs =
        @ResourceArg(
            name = "topics",
            value =
                Topics.NODE_COMMANDS
                    + ","
                    + Topics.NODE_EVENTS
                    + ","
                    + Topics.NODE_COMMANDS
                    + ".dlq"))
@WithTestResource(EtcdBinariesResource.class)
class NodeAgentIT {

  static final URI SOURCE = URI.create("/tests/node-agent");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @ConfigProperty(name = "orogen.agent.data-root")
  String dataRoot;

  KafkaTestClient client;

  @BeforeEach
  void connect() {
    client = new KafkaTestClient(kafka, Topics.NODE_EVENTS, Topics.dlq(Topics.NODE_COMMANDS));
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void registersWithItsInventoryAndSendsHeartbeats() {
    NodeRegistered registered =
        client.await(NodeRegistered.class, r -> r.node().equals("node-1")).data();
    assertThat(registered.etcdVersions()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(registered.labels()).containsEntry("zone", "a");
    assertThat(registered.bootId()).isEqualTo("boot-1");
    assertThat(registered.portRange().first()).isEqualTo(22000);
    assertThat(registered.capacity().cpus()).isPositive();

    client.await(NodeHeartbeat.class, h -> h.node().equals("node-1"));
  }

  @Test
  void startsAMemberAnswersARedeliveryAgainAndStopsAndRemovesIt() throws Exception {
    String version = client.await(NodeRegistered.class, r -> true).data().etcdVersions().get(0);
    StartMember start =
        new StartMember(
            "node-1",
            "alpha",
            "alpha-1",
            version,
            "alpha-token",
            Map.of("alpha-1", "http://127.0.0.1:22000"),
            InitialClusterState.NEW,
            null,
            null);
    CloudEvent<StartMember> command = CloudEvent.create(SOURCE, start);
    client.send(command);

    CloudEvent<MemberProcessStarted> started =
        client.await(MemberProcessStarted.class, s -> s.member().equals("alpha-1"));
    assertThat(started.causationId()).isEqualTo(command.id());
    assertThat(started.correlationId()).isEqualTo(command.correlationId());
    assertThat(started.subject()).isEqualTo("node-1");
    // The agent chose the lowest free ports of its range.
    assertThat(started.data().peerUrl()).isEqualTo("http://127.0.0.1:22000");
    assertThat(started.data().clientUrl()).isEqualTo("http://127.0.0.1:22001");
    assertThat(health(started.data().clientUrl())).contains("\"health\":\"true\"");

    // The same command id again: answered again, no second process.
    client.send(command);
    await(() -> client.all(MemberProcessStarted.class).size() == 2);
    assertThat(client.all(MemberProcessStarted.class))
        .extracting(MemberProcessStarted::pid)
        .containsOnly(started.data().pid());

    given().get("/api/v1/node").then().statusCode(200).body("members", hasSize(1));

    // Without the cluster token a stop is refused: it could mean a newer cluster of the name.
    CloudEvent<StopMember> bare =
        CloudEvent.create(SOURCE, new StopMember("node-1", "alpha", "alpha-1", null));
    client.send(bare);
    CommandRejected refused = rejectionOf(bare);
    assertThat(refused.code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(refused.fieldErrors()).extracting("field").containsExactly("clusterToken");
    assertThat(health(started.data().clientUrl())).contains("\"health\":\"true\"");

    // A member that crashed keeps its data: removal needs it stopped first.
    ProcessHandle.of(started.data().pid()).orElseThrow().destroyForcibly();
    CloudEvent<MemberProcessExited> crashed =
        client.await(MemberProcessExited.class, e -> e.member().equals("alpha-1"));
    assertThat(crashed.data().requested()).isFalse();
    CloudEvent<RemoveMemberData> early =
        CloudEvent.create(
            SOURCE, new RemoveMemberData("node-1", "alpha", "alpha-1", "alpha-token"));
    client.send(early);
    assertThat(rejectionOf(early).code()).isEqualTo(RejectionCode.CONFLICT);

    CloudEvent<StopMember> stop =
        CloudEvent.create(SOURCE, new StopMember("node-1", "alpha", "alpha-1", "alpha-token"));
    client.send(stop);
    CloudEvent<MemberProcessExited> exited =
        client.awaitEvent(
            MemberProcessExited.class,
            e -> stop.id().equals(e.causationId()),
            Duration.ofSeconds(60));
    assertThat(exited.data().requested()).isTrue();
    assertThat(exited.data().lastLogLines()).isNotEmpty();

    client.send(
        CloudEvent.create(
            SOURCE, new RemoveMemberData("node-1", "alpha", "alpha-1", "alpha-token")));
    client.await(MemberDataRemoved.class, r -> r.member().equals("alpha-1"));
    given().get("/api/v1/node").then().statusCode(200).body("members", empty());
  }

  @Test
  void refusesAReleaseItDoesNotHave() {
    CloudEvent<StartMember> command =
        CloudEvent.create(
            SOURCE,
            new StartMember(
                "node-1",
                "beta",
                "beta-1",
                "9.9.9",
                "t",
                Map.of("beta-1", "http://127.0.0.1:22050"),
                InitialClusterState.NEW,
                null,
                null));
    client.send(command);

    CloudEvent<CommandRejected> rejected =
        client.await(CommandRejected.class, r -> command.id().equals(r.commandId()));
    assertThat(rejected.data().code()).isEqualTo(RejectionCode.UNKNOWN_VERSION);
    assertThat(rejected.data().message()).contains("etcd 9.9.9 is not installed on node node-1");
    assertThat(rejected.causationId()).isEqualTo(command.id());
  }

  @Test
  void invalidAndUnreadableCommandsAreRejectedAndDeadLettered() {
    CloudEvent<StartMember> invalid =
        CloudEvent.create(
            SOURCE,
            new StartMember(
                "node-1",
                "Gamma",
                "gamma-1",
                "3.5",
                "t",
                Map.of("gamma-1", "http://127.0.0.1:22060"),
                InitialClusterState.NEW,
                null,
                null));
    client.send(invalid);
    CommandRejected rejected =
        client.await(CommandRejected.class, r -> invalid.id().equals(r.commandId())).data();
    assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(rejected.fieldErrors())
        .extracting(e -> e.field())
        .containsExactlyInAnyOrder("cluster", "version");
    assertDeadLettered(invalid.id());

    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_specversion", bytes("1.0"));
    headers.add("ce_id", bytes("not-json-1"));
    headers.add("ce_source", bytes("/tests"));
    headers.add("ce_type", bytes("io.orogen.node.StartMember.v1"));
    client.send(
        new ProducerRecord<>(Topics.NODE_COMMANDS, null, "node-1", bytes("{not json"), headers));
    CommandRejected unreadable =
        client.await(CommandRejected.class, r -> "not-json-1".equals(r.commandId())).data();
    assertThat(unreadable.code()).isEqualTo(RejectionCode.UNREADABLE_RECORD);
    assertThat(unreadable.message()).startsWith("data is not JSON");
    assertDeadLettered("not-json-1");
  }

  @Test
  void aFaultOfTheAgentIsAnsweredAndTheAgentGoesOn() throws Exception {
    // Where cluster delta's members would go is a file: writing the member's spec fails.
    Path members = Path.of(dataRoot).resolve("members");
    Files.createDirectories(members);
    Files.writeString(members.resolve("delta"), "not a directory");
    String version = client.await(NodeRegistered.class, r -> true).data().etcdVersions().get(0);
    CloudEvent<StartMember> doomed =
        CloudEvent.create(
            SOURCE,
            new StartMember(
                "node-1",
                "delta",
                "delta-1",
                version,
                "delta-token",
                Map.of("delta-1", "http://127.0.0.1:22070"),
                InitialClusterState.NEW,
                null,
                null));
    client.send(doomed);
    CommandRejected failed = rejectionOf(doomed);
    assertThat(failed.code()).isEqualTo(RejectionCode.INTERNAL_ERROR);
    assertThat(failed.message()).contains("delta");
    assertDeadLettered(doomed.id());

    // The next command is served.
    CloudEvent<StopMember> next =
        CloudEvent.create(SOURCE, new StopMember("node-1", "nobody", "nobody-1", "t"));
    client.send(next);
    assertThat(rejectionOf(next).code()).isEqualTo(RejectionCode.NOT_FOUND);
    Files.delete(members.resolve("delta"));
  }

  @Test
  void aRestoreDownloadIsTriedAgainWhileUnavailableAndRefusedWhenItDiffersOrIsGone()
      throws Exception {
    String version = client.await(NodeRegistered.class, r -> true).data().etcdVersions().get(0);
    HttpServer artifacts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();
    artifacts.createContext(
        "/artifact",
        exchange -> {
          // backup-service is restarting for the first two requests.
          if (requests.incrementAndGet() <= 2) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          byte[] body = bytes("not the backup that was asked for");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    java.util.concurrent.atomic.AtomicInteger missing =
        new java.util.concurrent.atomic.AtomicInteger();
    artifacts.createContext(
        "/missing",
        exchange -> {
          missing.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    artifacts.start();
    try {
      String url = "http://127.0.0.1:" + artifacts.getAddress().getPort() + "/artifact";
      CloudEvent<StartMember> start = restoring(version, "gamma-1", 22100, url);
      client.send(start);
      CommandRejected refused = rejectionOf(start);
      assertThat(refused.fieldErrors()).extracting("field").containsExactly("restoreFrom");
      assertThat(refused.message()).contains("has SHA-256").contains("not " + "0".repeat(64));
      // Unavailable twice, tried again; then three downloads that differ.
      assertThat(requests).hasValue(5);
      assertThat(java.nio.file.Path.of(dataRoot, "members", "gamma", "gamma-1", "data"))
          .doesNotExist();
      assertThat(client.all(MemberProcessStarted.class))
          .noneMatch(m -> m.member().equals("gamma-1"));

      // An artifact backup-service does not have is refused at once.
      String gone = "http://127.0.0.1:" + artifacts.getAddress().getPort() + "/missing";
      CloudEvent<StartMember> orphan = restoring(version, "gamma-2", 22102, gone);
      client.send(orphan);
      assertThat(rejectionOf(orphan).message()).contains("answered 404");
      assertThat(missing).hasValue(1);
    } finally {
      artifacts.stop(0);
    }
  }

  /** Starts {@code member} of cluster gamma as a founding member restored from {@code url}. */
  private static CloudEvent<StartMember> restoring(
      String version, String member, int port, String url) {
    return CloudEvent.create(
        SOURCE,
        new StartMember(
            "node-1",
            "gamma",
            member,
            version,
            "gamma-token",
            Map.of(member, "http://127.0.0.1:" + port),
            InitialClusterState.NEW,
            port,
            port + 1,
            new RestoreFrom("gamma-backup", url, "0".repeat(64), 7L)));
  }

  private void assertDeadLettered(String commandId) {
    var record =
        client.awaitRecord(
            r ->
                r.topic().equals(Topics.dlq(Topics.NODE_COMMANDS))
                    && commandId.equals(CloudEventCodec.get(r.headers(), "ce_id")),
            Duration.ofSeconds(60),
            "dead letter of " + commandId);
    assertThat(CloudEventCodec.get(record.headers(), "dead-letter-reason")).isNotBlank();
    assertThat(record.key()).isEqualTo("node-1");
  }

  private static String health(String clientUrl) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        String body =
            http.send(
                    HttpRequest.newBuilder(URI.create(clientUrl + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (body.contains("\"health\":\"true\"")) {
          return body;
        }
      } catch (java.io.IOException notYet) {
        // etcd is still starting
      }
      Thread.sleep(100);
    }
    return "unhealthy";
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(condition);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private CommandRejected rejectionOf(CloudEvent<?> command) {
    return client
        .awaitEvent(
            CommandRejected.class,
            e -> command.id().equals(e.causationId()),
            Duration.ofSeconds(30))
        .data();
  }
}

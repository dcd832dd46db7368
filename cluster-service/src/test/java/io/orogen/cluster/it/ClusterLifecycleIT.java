package io.orogen.cluster.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.orogen.events.CommandRejected;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cluster-service with real node agents, real etcd, Kafka and PostgreSQL: clusters are created
 * through REST and through Kafka commands, become ready, heal a crashed member in place, and are
 * deleted; bad input is rejected with the field named.
 */
@QuarkusTest
@WithTestResource(PlatformResource.class)
class ClusterLifecycleIT {

  static final URI SOURCE = URI.create("/tests/cluster-lifecycle");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  KafkaTestClient client;

  @BeforeEach
  void connect() {
    client =
        new KafkaTestClient(
            kafka, Topics.CLUSTER_EVENTS, Topics.NODE_EVENTS, Topics.dlq(Topics.CLUSTER_COMMANDS));
    Platform.awaitNodesReady();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void createThroughRestBecomesReadyHealsACrashedMemberAndIsDeleted() throws Exception {
    String operationId =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("name", "orders", "size", 3, "version", "3.5"))
            .post("/api/v1/clusters")
            .then()
            .statusCode(202)
            .header("Location", endsWith("/api/v1/clusters/orders"))
            .extract()
            .path("operationId");

    CloudEvent<ClusterReady> ready =
        client.await(ClusterReady.class, r -> r.cluster().equals("orders"));
    assertThat(ready.correlationId()).isEqualTo(operationId);
    assertThat(ready.data().version()).startsWith("3.5.");
    assertThat(ready.data().endpoints()).hasSize(3);
    assertThat(ready.data().members()).extracting(m -> m.node()).doesNotHaveDuplicates();
    assertThat(ready.data().members()).filteredOn(m -> m.role() == MemberRole.LEADER).hasSize(1);
    ClusterAccepted accepted =
        client.await(ClusterAccepted.class, a -> a.cluster().equals("orders")).data();
    assertThat(accepted.requestedVersion()).isEqualTo("3.5");

    given()
        .get("/api/v1/clusters/orders")
        .then()
        .statusCode(200)
        .body("phase", equalTo("READY"))
        .body("members", hasSize(3))
        .body("members.role", hasItem("leader"));

    EtcdKeys.put(ready.data().endpoints(), "orogen/orders", "kept");

    // kill -9 one member: it is restarted in place, on its data.
    MemberProcessStarted victim =
        client.await(MemberProcessStarted.class, s -> s.member().equals("orders-2")).data();
    ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
    MemberFailed failed =
        client.await(MemberFailed.class, f -> f.member().equals("orders-2")).data();
    assertThat(failed.failure()).isEqualTo(MemberFailure.PROCESS_EXITED);
    client.await(
        MemberProcessStarted.class, s -> s.member().equals("orders-2") && s.pid() != victim.pid());
    assertThat(EtcdKeys.get(List.of(victim.clientUrl()), "orogen/orders")).isEqualTo("kept");

    String deletion =
        given()
            .delete("/api/v1/clusters/orders")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    CloudEvent<ClusterDeleted> deleted =
        client.await(ClusterDeleted.class, d -> d.cluster().equals("orders"));
    assertThat(deleted.correlationId()).isEqualTo(deletion);
    given()
        .get("/api/v1/clusters/orders")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    for (String url : ready.data().endpoints()) {
      assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
          .noneMatch(line -> line.contains("--listen-client-urls=" + url));
    }
  }

  @Test
  void createThroughKafkaIsIdempotentAndAnswered() {
    String oldest =
        given()
            .get("/api/v1/nodes")
            .then()
            .extract()
            .jsonPath()
            .getList("[0].etcdVersions", String.class)
            .stream()
            .reduce((a, b) -> b)
            .orElseThrow();
    CloudEvent<CreateCluster> command =
        CloudEvent.create(SOURCE, new CreateCluster("inventory", 1, oldest, null));
    client.send(command);
    client.send(command); // a redelivery: one effect

    CloudEvent<ClusterAccepted> accepted =
        client.await(ClusterAccepted.class, a -> a.cluster().equals("inventory"));
    assertThat(accepted.causationId()).isEqualTo(command.id());
    CloudEvent<ClusterReady> ready =
        client.await(ClusterReady.class, r -> r.cluster().equals("inventory"));
    assertThat(ready.data().version()).isEqualTo(oldest);
    assertThat(ready.correlationId()).isEqualTo(command.correlationId());

    // The same name under a new command id: rejected; it is processed after the duplicate.
    CloudEvent<CreateCluster> again =
        CloudEvent.create(SOURCE, new CreateCluster("inventory", 1, oldest, null));
    client.send(again);
    CommandRejected taken =
        client.await(CommandRejected.class, r -> again.id().equals(r.commandId())).data();
    assertThat(taken.code()).isEqualTo(RejectionCode.NAME_TAKEN);
    assertThat(client.all(ClusterAccepted.class))
        .filteredOn(a -> a.cluster().equals("inventory"))
        .hasSize(1);
    assertThat(client.all(CommandRejected.class))
        .noneMatch(r -> command.id().equals(r.commandId()));

    given().delete("/api/v1/clusters/inventory").then().statusCode(202);
    client.await(ClusterDeleted.class, d -> d.cluster().equals("inventory"));
  }

  @Test
  void invalidCommandsAreRejectedNamingTheFieldAndDeadLettered() {
    CloudEvent<CreateCluster> invalid =
        CloudEvent.create(SOURCE, new CreateCluster("Bad_Name", 4, "3.5", null));
    client.send(invalid);
    CommandRejected rejected =
        client.await(CommandRejected.class, r -> invalid.id().equals(r.commandId())).data();
    assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(rejected.fieldErrors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("name", "size");
    client.awaitRecord(
        r ->
            r.topic().equals(Topics.dlq(Topics.CLUSTER_COMMANDS))
                && invalid.id().equals(CloudEventCodec.get(r.headers(), "ce_id")),
        Duration.ofSeconds(60),
        "the dead letter");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Bad_Name", "size", 3, "version", "3.5"))
        .post("/api/v1/clusters")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("InvalidField"))
        .body("errors[0].field", equalTo("name"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"x\", \"size\": \"three\", \"version\": \"3.5\"}")
        .post("/api/v1/clusters")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("size"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "big", "size", 5, "version", "3.5"))
        .post("/api/v1/clusters")
        .then()
        .statusCode(422)
        .body("code", equalTo("InsufficientNodes"))
        .body("detail", equalTo("size 5 needs 5 nodes, 4 are ready"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "future", "size", 1, "version", "9.9"))
        .post("/api/v1/clusters")
        .then()
        .statusCode(422)
        .body("code", equalTo("UnknownVersion"))
        .body("errors[0].field", equalTo("version"));
  }
}

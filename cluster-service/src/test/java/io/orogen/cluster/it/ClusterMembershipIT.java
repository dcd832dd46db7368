package io.orogen.cluster.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Membership changes on real etcd clusters run by real node agents: scaling out and in one member
 * at a time (learners first), and replacing a member that keeps crashing with a new one on another
 * node, with the data intact.
 */
@QuarkusTest
@WithTestResource(PlatformResource.class)
class ClusterMembershipIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  KafkaTestClient client;

  @BeforeEach
  void connect() {
    client = new KafkaTestClient(kafka, Topics.CLUSTER_EVENTS, Topics.NODE_EVENTS);
    Platform.awaitNodesReady();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void scalesOutAndInOneMemberAtATime() throws Exception {
    create("grow", 1);
    ClusterReady ready = client.await(ClusterReady.class, r -> r.cluster().equals("grow")).data();
    EtcdKeys.put(ready.endpoints(), "orogen/grow", "kept");

    String scaleOut = scale("grow", 3);
    CloudEvent<ClusterScaled> out =
        client.await(ClusterScaled.class, s -> s.cluster().equals("grow") && s.size() == 3);
    assertThat(out.correlationId()).isEqualTo(scaleOut);
    assertThat(out.data().previousSize()).isEqualTo(1);
    assertThat(out.data().members()).hasSize(3);
    assertThat(out.data().members()).extracting(ClusterMember::node).doesNotHaveDuplicates();
    assertThat(out.data().members())
        .extracting(ClusterMember::role)
        .containsOnly(MemberRole.LEADER, MemberRole.FOLLOWER);
    for (ClusterMember member : out.data().members()) {
      assertThat(EtcdKeys.get(List.of(member.clientUrl()), "orogen/grow")).isEqualTo("kept");
    }
    given()
        .get("/api/v1/clusters/grow")
        .then()
        .body("phase", equalTo("READY"))
        .body("members", hasSize(3))
        .body("members.membership", everyItem(equalTo("VOTER")));

    scale("grow", 1);
    ClusterScaled in =
        client.await(ClusterScaled.class, s -> s.cluster().equals("grow") && s.size() == 1).data();
    assertThat(in.previousSize()).isEqualTo(3);
    assertThat(EtcdKeys.get(in.endpoints(), "orogen/grow")).isEqualTo("kept");
    Set<String> removed =
        out.data().members().stream()
            .map(ClusterMember::name)
            .filter(name -> !name.equals(in.members().get(0).name()))
            .collect(Collectors.toSet());
    for (String name : removed) {
      client.await(MemberDataRemoved.class, d -> d.member().equals(name));
    }

    delete("grow");
  }

  @Test
  void replacesAMemberWhoseDataIsGoneOnAnotherNode() throws Exception {
    create("flaky", 3);
    ClusterReady ready = client.await(ClusterReady.class, r -> r.cluster().equals("flaky")).data();
    EtcdKeys.put(ready.endpoints(), "orogen/flaky", "kept");
    ClusterMember victim =
        ready.members().stream().filter(m -> m.role() == MemberRole.FOLLOWER).findFirst().get();

    // Exits are restarted in place, on the data, however often they come.
    Set<Long> pids = new HashSet<>();
    for (int exit = 1; exit <= 3; exit++) {
      long pid = started(victim.name(), pids);
      pids.add(pid);
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    }
    long last = started(victim.name(), pids);
    assertThat(client.all(MemberReplaced.class)).noneMatch(r -> r.cluster().equals("flaky"));

    // Its data goes: told apart from a crash, it is replaced on the free node.
    MemberProcessStarted running =
        client
            .await(
                MemberProcessStarted.class,
                s -> s.member().equals(victim.name()) && s.pid() == last)
            .data();
    EtcdKeys.loseData(running.dataDir(), last);
    client.await(
        MemberFailed.class,
        f -> f.member().equals(victim.name()) && f.failure() == MemberFailure.DATA_LOST);
    MemberReplaced replaced =
        client.await(MemberReplaced.class, r -> r.cluster().equals("flaky")).data();
    assertThat(replaced.replacedMember()).isEqualTo(victim.name());
    assertThat(replaced.member().node())
        .isNotIn(ready.members().stream().map(ClusterMember::node).toList());
    assertThat(replaced.endpoints()).hasSize(3).doesNotContain(victim.clientUrl());
    assertThat(EtcdKeys.get(List.of(replaced.member().clientUrl()), "orogen/flaky"))
        .isEqualTo("kept");
    client.await(MemberDataRemoved.class, d -> d.member().equals(victim.name()));
    client.await(
        ClusterReady.class,
        r -> r.cluster().equals("flaky") && r.endpoints().contains(replaced.member().clientUrl()));

    delete("flaky");
  }

  /** The pid of the member's process that was not seen before. */
  private long started(String member, Set<Long> seen) {
    return client
        .await(
            MemberProcessStarted.class, s -> s.member().equals(member) && !seen.contains(s.pid()))
        .data()
        .pid();
  }

  @Test
  void handsLeadershipToTheMemberNamedAndRefusesOneThatIsNotAVoter() throws Exception {
    create("crown", 3);
    ClusterReady ready = client.await(ClusterReady.class, r -> r.cluster().equals("crown")).data();
    ClusterMember leader =
        ready.members().stream().filter(m -> m.role() == MemberRole.LEADER).findFirst().get();
    ClusterMember heir =
        ready.members().stream().filter(m -> m.role() != MemberRole.LEADER).findFirst().get();

    // Through Kafka, as an upgrade or a drain asks for it.
    CloudEvent<TransferLeadership> transfer =
        CloudEvent.create(
            URI.create("/tests/membership"), new TransferLeadership("crown", heir.name()));
    client.send(transfer);
    CloudEvent<LeaderMoved> moved =
        client.awaitEvent(
            LeaderMoved.class,
            e -> e.correlationId().equals(transfer.id()),
            java.time.Duration.ofSeconds(60));
    assertThat(moved.data().from()).isEqualTo(leader.name());
    assertThat(moved.data().to()).isEqualTo(heir.name());
    assertThat(leaderUrl(ready.endpoints())).isEqualTo(heir.clientUrl());
    EtcdKeys.put(ready.endpoints(), "orogen/crown", "written under the new leader");

    // Through REST: a member the cluster does not have is refused, naming the field.
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("to", "crown-9"))
        .post("/api/v1/clusters/crown/leader")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("to"));
    // Back to the first leader; a member that already leads is answered at once.
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("to", leader.name()))
        .post("/api/v1/clusters/crown/leader")
        .then()
        .statusCode(202);
    client.await(
        LeaderMoved.class, m -> m.cluster().equals("crown") && m.to().equals(leader.name()));
    assertThat(leaderUrl(ready.endpoints())).isEqualTo(leader.clientUrl());

    delete("crown");
  }

  @Test
  void restartsAMemberOnAnotherReleaseOnItsDataAndBack() throws Exception {
    create("roll", 3, "3.5.16");
    ClusterReady ready = client.await(ClusterReady.class, r -> r.cluster().equals("roll")).data();
    EtcdKeys.put(ready.endpoints(), "orogen/roll", "kept across releases");
    ClusterMember follower =
        ready.members().stream().filter(m -> m.role() == MemberRole.FOLLOWER).findFirst().get();

    // Through Kafka, as upgrade-service asks for it: a patch upgrade of one follower.
    CloudEvent<RestartMember> restart =
        CloudEvent.create(
            URI.create("/tests/membership"), new RestartMember("roll", follower.name(), "3.5.30"));
    client.send(restart);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .get("/api/v1/clusters/roll")
                    .then()
                    .extract()
                    .<List<String>>path("members.restart")
                    .stream()
                    .anyMatch(java.util.Objects::nonNull));
    // Only one member restarts at a time.
    ClusterMember other =
        ready.members().stream().filter(m -> !m.name().equals(follower.name())).findFirst().get();
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("version", "3.5.30"))
        .post("/api/v1/clusters/roll/members/" + other.name() + "/restart")
        .then()
        .statusCode(409)
        .body("detail", org.hamcrest.Matchers.containsString("one member restarts at a time"));
    CloudEvent<MemberRestarted> restarted =
        client.awaitEvent(
            MemberRestarted.class,
            e -> e.correlationId().equals(restart.id()),
            java.time.Duration.ofSeconds(90));
    assertThat(restarted.data().member()).isEqualTo(follower.name());
    assertThat(restarted.data().from()).isEqualTo("3.5.16");
    assertThat(restarted.data().to()).isEqualTo("3.5.30");
    assertThat(restarted.data().clusterVersion()).isEqualTo("3.5.16"); // the others run 3.5.16
    assertThat(EtcdKeys.get(List.of(follower.clientUrl()), "orogen/roll"))
        .isEqualTo("kept across releases");
    assertThat(serverVersion(follower.clientUrl())).isEqualTo("3.5.30");
    ClusterReady whole =
        client
            .await(
                ClusterReady.class,
                r ->
                    r.cluster().equals("roll")
                        && r.members().stream()
                            .anyMatch(
                                m ->
                                    m.name().equals(follower.name())
                                        && "3.5.30".equals(m.version())))
            .data();
    assertThat(whole.version()).isEqualTo("3.5.16");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("version", "3.9.99"))
        .post("/api/v1/clusters/roll/members/" + other.name() + "/restart")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("version"));
    // Back to 3.5.16, through REST: a rollback is the same command.
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("version", "3.5.16"))
        .post("/api/v1/clusters/roll/members/" + follower.name() + "/restart")
        .then()
        .statusCode(202);
    client.await(
        MemberRestarted.class,
        m ->
            m.cluster().equals("roll")
                && m.member().equals(follower.name())
                && m.to().equals("3.5.16"));
    assertThat(serverVersion(follower.clientUrl())).isEqualTo("3.5.16");
    given()
        .get("/api/v1/clusters/roll")
        .then()
        .body("version", equalTo("3.5.16"))
        .body("members.release", everyItem(equalTo("3.5.16")));

    delete("roll");
  }

  private static String serverVersion(String url) throws Exception {
    try (io.etcd.jetcd.Client etcd = io.etcd.jetcd.Client.builder().endpoints(url).build()) {
      return etcd.getMaintenanceClient().statusMember(url).get(5, TimeUnit.SECONDS).getVersion();
    }
  }

  /** The client URL of the member that leads, as etcd's members say. */
  private static String leaderUrl(List<String> endpoints) throws Exception {
    try (io.etcd.jetcd.Client etcd =
        io.etcd.jetcd.Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      for (String url : endpoints) {
        var status = etcd.getMaintenanceClient().statusMember(url).get(5, TimeUnit.SECONDS);
        if (status.getLeader() == status.getHeader().getMemberId()) {
          return url;
        }
      }
    }
    throw new AssertionError("no member of " + endpoints + " leads");
  }

  private static void create(String name, int size) {
    create(name, size, "3.5");
  }

  private static void create(String name, int size, String version) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "size", size, "version", version))
        .post("/api/v1/clusters")
        .then()
        .statusCode(202);
  }

  private static String scale(String name, int size) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("size", size))
        .post("/api/v1/clusters/" + name + "/scale")
        .then()
        .statusCode(202)
        .extract()
        .path("operationId");
  }

  private void delete(String name) {
    given().delete("/api/v1/clusters/" + name).then().statusCode(202);
    client.await(ClusterDeleted.class, d -> d.cluster().equals(name));
  }
}

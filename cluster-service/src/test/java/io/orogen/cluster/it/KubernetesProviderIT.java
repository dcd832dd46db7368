package io.orogen.cluster.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orogen.cluster.kubernetes.KubernetesMembers;
import io.orogen.cluster.kubernetes.KubernetesObjects;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.testing.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes provider against the fabric8 Kubernetes mock server (CRUD mode), with cluster-
 * service on real Kafka and PostgreSQL: the objects it creates and deletes. The mock server runs no
 * Pods, so the test plays the kubelet (it marks Pods scheduled, ready, restarted) and the etcd
 * inside them never answers: such a cluster stays PROVISIONING here, and membership changes, which
 * need etcd's quorum, are shown on the objects they make.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(
    value = PlatformResource.class,
    initArgs = @ResourceArg(name = "agents", value = "0"))
@TestProfile(KubernetesProviderIT.Namespace.class)
class KubernetesProviderIT {

  static final String NS = "orogen-test";

  public static class Namespace implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("orogen.cluster.kubernetes.namespace", NS);
    }
  }

  @Inject KubernetesClient kube;
  @Inject KubernetesMembers members;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @Test
  void createsPodsWithClaimsAndServicesOwnedByTheClusterAndDeletesThem() {
    try (KafkaTestClient client = new KafkaTestClient(kafka, Topics.CLUSTER_EVENTS)) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("name", "kube", "size", 3, "version", "3.5", "provider", "kubernetes"))
          .post("/api/v1/clusters")
          .then()
          .statusCode(202);
      ClusterAccepted accepted =
          client.await(ClusterAccepted.class, a -> a.cluster().equals("kube")).data();
      assertThat(accepted.version()).isEqualTo("3.5.21");
      await().atMost(Duration.ofSeconds(30)).until(() -> pods("kube").size() == 3);

      ConfigMap owner = kube.configMaps().inNamespace(NS).withName("kube-cluster").get();
      assertThat(owner.getData()).containsEntry("version", "3.5.21").containsEntry("size", "3");
      Service peers = kube.services().inNamespace(NS).withName("kube-peer").get();
      assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
      assertThat(peers.getSpec().getPublishNotReadyAddresses()).isTrue();
      assertThat(peers.getSpec().getSelector()).isEqualTo(KubernetesObjects.selector("kube"));
      Service clients = kube.services().inNamespace(NS).withName("kube-client").get();
      assertThat(clients.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(2379);
      assertOwnedBy(owner, peers, clients);

      for (int i = 1; i <= 3; i++) {
        Pod pod = kube.pods().inNamespace(NS).withName("kube-" + i).get();
        assertOwnedBy(owner, pod);
        assertThat(pod.getMetadata().getLabels())
            .containsEntry("app.kubernetes.io/instance", "kube")
            .containsEntry("app.kubernetes.io/managed-by", "orogen")
            .containsEntry("orogen.io/member", "kube-" + i);
        assertThat(pod.getSpec().getHostname()).isEqualTo("kube-" + i);
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("kube-peer");
        var etcd = pod.getSpec().getContainers().get(0);
        assertThat(etcd.getImage()).isEqualTo("gcr.io/etcd-development/etcd:v3.5.21");
        assertThat(etcd.getCommand())
            .contains(
                "--name=kube-" + i,
                "--initial-cluster-state=new",
                "--initial-cluster=kube-1=http://kube-1.kube-peer.orogen-test.svc:2380,"
                    + "kube-2=http://kube-2.kube-peer.orogen-test.svc:2380,"
                    + "kube-3=http://kube-3.kube-peer.orogen-test.svc:2380",
                "--advertise-client-urls=http://kube-" + i + ".kube-peer.orogen-test.svc:2379");
        assertThat(pod.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
            .isEqualTo("kube-" + i + "-data");
        assertOwnedBy(
            owner,
            kube.persistentVolumeClaims().inNamespace(NS).withName("kube-" + i + "-data").get());
      }

      // The kubelet's part: Pods scheduled and ready; one container restarted again and again.
      for (int i = 1; i <= 3; i++) {
        kubelet("kube-" + i, "worker-" + i, i == 2 ? 3 : 0);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/clusters/kube")
                      .then()
                      .body("members.state", equalTo(List.of("RUNNING", "RUNNING", "RUNNING")))
                      .body("members.node", equalTo(List.of("worker-1", "worker-2", "worker-3")))
                      .body("phase", equalTo("PROVISIONING")));
      MemberFailed crashLoop =
          client.await(MemberFailed.class, f -> f.member().equals("kube-2")).data();
      assertThat(crashLoop.failure()).isEqualTo(MemberFailure.CRASH_LOOPING);
      // Its replacement waits for etcd's quorum, which this etcd (never running) cannot show.
      assertThat(pods("kube")).hasSize(3);

      given().delete("/api/v1/clusters/kube").then().statusCode(202);
      client.await(ClusterDeleted.class, d -> d.cluster().equals("kube"));
      assertThat(pods("kube")).isEmpty();
      assertThat(
              kube.persistentVolumeClaims()
                  .inNamespace(NS)
                  .withLabels(KubernetesObjects.selector("kube"))
                  .list()
                  .getItems())
          .isEmpty();
      assertThat(kube.services().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(kube.configMaps().inNamespace(NS).withName("kube-cluster").get()).isNull();
    }
  }

  /**
   * What scaling and replacing make on Kubernetes, through the calls the reconciler makes: a member
   * that joins gets a Pod that starts with {@code --initial-cluster-state=existing} and the whole
   * membership; a member that leaves loses its Pod, then its claim; the others stay.
   */
  @Test
  void aJoiningMemberGetsItsPodAndALeavingOneLosesPodAndClaim() {
    ClusterEntity cluster = new ClusterEntity();
    cluster.name = "grow";
    cluster.uid = UUID.randomUUID();
    cluster.size = 3;
    cluster.version = "3.5.21";
    cluster.token = "grow-1234";
    var owner = members.ensureCluster(cluster);
    Map<String, String> initialCluster = new LinkedHashMap<>();
    for (MemberEntity member :
        members.plan(cluster, 3, 1, Membership.VOTER, List.of(), List.of(), null)) {
      initialCluster.put(member.name, member.peerUrl());
    }
    for (MemberEntity member :
        members.plan(cluster, 3, 1, Membership.VOTER, List.of(), List.of(), null)) {
      members.ensureMember(cluster, member, owner, initialCluster);
    }

    MemberEntity joining =
        members.plan(cluster, 1, 4, Membership.JOINING, List.of(), List.of(), null).get(0);
    initialCluster.put(joining.name, joining.peerUrl());
    members.ensureMember(cluster, joining, owner, initialCluster);
    members.ensureMember(cluster, joining, owner, initialCluster); // again: no second Pod
    Pod pod = kube.pods().inNamespace(NS).withName("grow-4").get();
    assertThat(pod.getSpec().getContainers().get(0).getCommand())
        .contains("--initial-cluster-state=existing")
        .anyMatch(arg -> arg.startsWith("--initial-cluster=grow-1=") && arg.contains("grow-4="));
    assertThat(members.pods("grow")).containsOnlyKeys("grow-1", "grow-2", "grow-3", "grow-4");

    MemberEntity leaving =
        members.plan(cluster, 1, 2, Membership.VOTER, List.of(), List.of(), null).get(0);
    members.deletePod(leaving);
    assertThat(members.pods("grow")).containsOnlyKeys("grow-1", "grow-3", "grow-4");
    assertThat(members.claims("grow")).contains("grow-2");
    members.deleteClaim(leaving);
    assertThat(members.claims("grow")).containsOnly("grow-1", "grow-3", "grow-4");

    members.teardown("grow");
    assertThat(kube.services().inNamespace(NS).withName("grow-peer").get()).isNull();
  }

  /**
   * A member's restart on another release, through the calls the reconciler makes: its Pod is
   * deleted, then created again with the release's image on the same claim (the data stays).
   */
  @Test
  void aMemberRestartedOnAnotherReleaseGetsANewPodWithThatImageOnItsClaim() {
    ClusterEntity cluster = new ClusterEntity();
    cluster.name = "roll";
    cluster.uid = UUID.randomUUID();
    cluster.size = 1;
    cluster.version = "3.4.37";
    cluster.token = "roll-1234";
    var owner = members.ensureCluster(cluster);
    MemberEntity member =
        members.plan(cluster, 1, 1, Membership.VOTER, List.of(), List.of(), null).get(0);
    Map<String, String> initialCluster = Map.of(member.name, member.peerUrl());
    members.ensureMember(cluster, member, owner, initialCluster);
    String claim =
        kube.persistentVolumeClaims()
            .inNamespace(NS)
            .withName(KubernetesObjects.claimName(member.name))
            .get()
            .getMetadata()
            .getUid();
    assertThat(image("roll-1")).endsWith(":v3.4.37");

    member.version = "3.5.21";
    members.deletePod(member);
    assertThat(members.pods("roll")).isEmpty();
    members.ensureMember(cluster, member, owner, initialCluster);

    Pod pod = kube.pods().inNamespace(NS).withName("roll-1").get();
    assertThat(image("roll-1")).endsWith(":v3.5.21");
    assertThat(pod.getMetadata().getLabels()).containsEntry(KubernetesObjects.VERSION, "3.5.21");
    assertThat(
            kube.persistentVolumeClaims()
                .inNamespace(NS)
                .withName(KubernetesObjects.claimName(member.name))
                .get()
                .getMetadata()
                .getUid())
        .isEqualTo(claim);
    assertThat(pod.getSpec().getVolumes())
        .anySatisfy(
            v ->
                assertThat(v.getPersistentVolumeClaim().getClaimName())
                    .isEqualTo(KubernetesObjects.claimName(member.name)));
    members.deletePod(member);
    members.deleteClaim(member);
    members.teardown("roll");
  }

  private String image(String pod) {
    return kube.pods()
        .inNamespace(NS)
        .withName(pod)
        .get()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private List<Pod> pods(String cluster) {
    return kube.pods()
        .inNamespace(NS)
        .withLabels(KubernetesObjects.selector(cluster))
        .list()
        .getItems();
  }

  private void kubelet(String pod, String node, int restarts) {
    kube.pods()
        .inNamespace(NS)
        .withName(pod)
        .edit(
            p ->
                new PodBuilder(p)
                    .editSpec()
                    .withNodeName(node)
                    .endSpec()
                    .withNewStatus()
                    .withPhase("Running")
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .endCondition()
                    .addNewContainerStatus()
                    .withName("etcd")
                    .withRestartCount(restarts)
                    .endContainerStatus()
                    .endStatus()
                    .build());
  }

  private static void assertOwnedBy(ConfigMap owner, HasMetadata... objects) {
    for (HasMetadata object : objects) {
      assertThat(object.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              ref -> {
                assertThat(ref.getKind()).isEqualTo("ConfigMap");
                assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
              });
    }
  }
}

package io.orogen.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.cluster.provider.MemberProvider;
import io.orogen.events.cluster.Provider;
import io.orogen.kit.command.Operation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Members as Kubernetes Pods, each with a PersistentVolumeClaim, in one namespace. Starting,
 * stopping and removing data are level-based: {@code KubernetesSync} makes the objects match the
 * members' states on every pass, through the calls here; Kubernetes' scheduler places the Pods and
 * the kubelet restarts a crashed container in place.
 */
@ApplicationScoped
public class KubernetesMembers implements MemberProvider {

  /** The node recorded for a member until the scheduler placed its Pod. */
  public static final String UNSCHEDULED = "kubernetes";

  private final KubernetesClient client;
  private final ClusterServiceConfig.Kubernetes config;

  public KubernetesMembers(KubernetesClient client, ClusterServiceConfig config) {
    this.client = client;
    this.config = config.kubernetes();
  }

  /**
   * What the API server says of one member's Pod.
   *
   * @param ready whether its readiness probe passes
   * @param restarts how often the kubelet restarted its container
   * @param node the node it was scheduled on, or null
   */
  public record PodState(boolean ready, int restarts, String node) {}

  @Override
  public Provider kind() {
    return Provider.KUBERNETES;
  }

  /** Kubernetes' scheduler places the Pods; there is no node to run out of here. */
  @Override
  public Optional<String> shortfall(
      ClusterEntity cluster,
      int count,
      boolean resize,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness) {
    return Optional.empty();
  }

  @Override
  public Optional<String> unavailable() {
    return config.namespace().isPresent()
        ? Optional.empty()
        : Optional.of(
            "the kubernetes provider is not configured: set orogen.cluster.kubernetes.namespace");
  }

  @Override
  public Set<String> versions(List<NodeEntity> nodes, NodeReadiness readiness) {
    return new LinkedHashSet<>(config.etcdVersions());
  }

  @Override
  public List<MemberEntity> plan(
      ClusterEntity cluster,
      int count,
      int firstOrdinal,
      Membership membership,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness) {
    List<MemberEntity> planned = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = cluster.name + "-" + (firstOrdinal + i);
      planned.add(
          MemberEntity.planned(
              cluster.name,
              cluster.version,
              firstOrdinal + i,
              membership,
              UNSCHEDULED,
              KubernetesObjects.address(cluster.name, name, namespace()),
              KubernetesObjects.PEER_PORT,
              KubernetesObjects.CLIENT_PORT));
    }
    return planned;
  }

  /** Nothing to send: {@code KubernetesSync} creates the Pod once the member is STARTING. */
  @Override
  public Uni<Void> start(
      ClusterEntity cluster,
      MemberEntity member,
      Map<String, String> initialCluster,
      Operation op) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> stop(ClusterEntity cluster, MemberEntity member, Operation op) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> removeData(ClusterEntity cluster, MemberEntity member, Operation op) {
    return Uni.createFrom().voidItem();
  }

  /** Creates the cluster's owner ConfigMap and Services where they are missing. */
  public OwnerReference ensureCluster(ClusterEntity cluster) {
    String ns = namespace();
    ConfigMap owner =
        Optional.ofNullable(
                client
                    .configMaps()
                    .inNamespace(ns)
                    .withName(KubernetesObjects.ownerName(cluster.name))
                    .get())
            .orElseGet(
                () ->
                    client
                        .configMaps()
                        .inNamespace(ns)
                        .resource(KubernetesObjects.owner(cluster, ns))
                        .create());
    OwnerReference ownedBy = KubernetesObjects.ownedBy(owner);
    if (client
            .services()
            .inNamespace(ns)
            .withName(KubernetesObjects.peerService(cluster.name))
            .get()
        == null) {
      client
          .services()
          .inNamespace(ns)
          .resource(KubernetesObjects.peerService(cluster, ns, ownedBy))
          .create();
    }
    if (client
            .services()
            .inNamespace(ns)
            .withName(KubernetesObjects.clientService(cluster.name))
            .get()
        == null) {
      client
          .services()
          .inNamespace(ns)
          .resource(KubernetesObjects.clientService(cluster, ns, ownedBy))
          .create();
    }
    return ownedBy;
  }

  /**
   * Creates the member's claim and Pod where they are missing; a Pod that exists stays as it is.
   */
  public void ensureMember(
      ClusterEntity cluster,
      MemberEntity member,
      OwnerReference owner,
      Map<String, String> initialCluster) {
    String ns = namespace();
    if (client
            .persistentVolumeClaims()
            .inNamespace(ns)
            .withName(KubernetesObjects.claimName(member.name))
            .get()
        == null) {
      client
          .persistentVolumeClaims()
          .inNamespace(ns)
          .resource(
              KubernetesObjects.claim(
                  cluster,
                  member,
                  ns,
                  owner,
                  config.storageSize(),
                  config.storageClass().orElse(null)))
          .create();
    }
    if (client.pods().inNamespace(ns).withName(member.name).get() == null) {
      client
          .pods()
          .inNamespace(ns)
          .resource(
              KubernetesObjects.pod(cluster, member, ns, owner, config.image(), initialCluster))
          .create();
    }
  }

  /** The cluster's Pods by member name. */
  public Map<String, PodState> pods(String cluster) {
    Map<String, PodState> pods = new HashMap<>();
    for (Pod pod :
        client
            .pods()
            .inNamespace(namespace())
            .withLabels(KubernetesObjects.selector(cluster))
            .list()
            .getItems()) {
      pods.put(pod.getMetadata().getLabels().get(KubernetesObjects.MEMBER), state(pod));
    }
    return pods;
  }

  /** The members of {@code cluster} that have a claim. */
  public Set<String> claims(String cluster) {
    return client
        .persistentVolumeClaims()
        .inNamespace(namespace())
        .withLabels(KubernetesObjects.selector(cluster))
        .list()
        .getItems()
        .stream()
        .map(c -> c.getMetadata().getLabels().get(KubernetesObjects.MEMBER))
        .collect(Collectors.toSet());
  }

  public void deletePod(MemberEntity member) {
    client.pods().inNamespace(namespace()).withName(member.name).delete();
  }

  public void deleteClaim(MemberEntity member) {
    client
        .persistentVolumeClaims()
        .inNamespace(namespace())
        .withName(KubernetesObjects.claimName(member.name))
        .delete();
  }

  /**
   * Deletes the cluster's Services and owner ConfigMap. Kubernetes' garbage collector would delete
   * what the ConfigMap owns too; deleting them here does not depend on it.
   */
  @Override
  public void teardown(String cluster) {
    String ns = namespace();
    client.services().inNamespace(ns).withName(KubernetesObjects.peerService(cluster)).delete();
    client.services().inNamespace(ns).withName(KubernetesObjects.clientService(cluster)).delete();
    client.configMaps().inNamespace(ns).withName(KubernetesObjects.ownerName(cluster)).delete();
  }

  private String namespace() {
    return config
        .namespace()
        .orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
  }

  private static PodState state(Pod pod) {
    boolean ready =
        pod.getStatus() != null
            && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    int restarts =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? 0
            : pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getRestartCount)
                .filter(c -> c != null)
                .mapToInt(Integer::intValue)
                .sum();
    return new PodState(ready, restarts, pod.getSpec().getNodeName());
  }
}

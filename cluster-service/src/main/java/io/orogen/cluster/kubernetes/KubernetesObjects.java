package io.orogen.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kubernetes objects of a managed cluster, built from its rows: a ConfigMap that owns the rest
 * (deleting it deletes the cluster's objects through Kubernetes' garbage collector), a headless
 * Service for peers (stable DNS names per member), a client Service, and per member a Pod and a
 * PersistentVolumeClaim for its data.
 */
public final class KubernetesObjects {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String MEMBER = "orogen.io/member";
  public static final int CLIENT_PORT = 2379;
  public static final int PEER_PORT = 2380;
  static final String DATA_DIR = "/var/lib/etcd";

  private KubernetesObjects() {}

  /** The labels every object of {@code cluster} carries; also the selector of its Services. */
  public static Map<String, String> selector(String cluster) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "etcd");
    labels.put(INSTANCE, cluster);
    labels.put(MANAGED_BY, "orogen");
    return labels;
  }

  public static String ownerName(String cluster) {
    return cluster + "-cluster";
  }

  public static String peerService(String cluster) {
    return cluster + "-peer";
  }

  public static String clientService(String cluster) {
    return cluster + "-client";
  }

  public static String claimName(String member) {
    return member + "-data";
  }

  /** A member's stable DNS name, through the headless peer Service. */
  public static String address(String cluster, String member, String namespace) {
    return member + "." + peerService(cluster) + "." + namespace + ".svc";
  }

  /** The ConfigMap standing for the cluster: owner of its other objects, with its spec. */
  public static ConfigMap owner(ClusterEntity cluster, String namespace) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ownerName(cluster.name))
        .withNamespace(namespace)
        .withLabels(labels(cluster, "cluster"))
        .endMetadata()
        .addToData("name", cluster.name)
        .addToData("version", cluster.version)
        .addToData("size", Integer.toString(cluster.size))
        .addToData("token", cluster.token)
        .addToData("uid", cluster.uid.toString())
        .build();
  }

  /** A reference to the owner ConfigMap as Kubernetes stored it (with its uid). */
  public static OwnerReference ownedBy(ConfigMap owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("ConfigMap")
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Headless: each member gets {@code <member>.<cluster>-peer.<namespace>.svc}, ready or not. */
  public static Service peerService(ClusterEntity cluster, String namespace, OwnerReference owner) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(peerService(cluster.name))
        .withNamespace(namespace)
        .withLabels(labels(cluster, "peer"))
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(selector(cluster.name))
        .addNewPort()
        .withName("peer")
        .withPort(PEER_PORT)
        .withTargetPort(new IntOrString(PEER_PORT))
        .endPort()
        .addNewPort()
        .withName("client")
        .withPort(CLIENT_PORT)
        .withTargetPort(new IntOrString(CLIENT_PORT))
        .endPort()
        .endSpec()
        .build();
  }

  /** One address for clients, spread over the ready members. */
  public static Service clientService(
      ClusterEntity cluster, String namespace, OwnerReference owner) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(clientService(cluster.name))
        .withNamespace(namespace)
        .withLabels(labels(cluster, "client"))
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector(cluster.name))
        .addNewPort()
        .withName("client")
        .withPort(CLIENT_PORT)
        .withTargetPort(new IntOrString(CLIENT_PORT))
        .endPort()
        .endSpec()
        .build();
  }

  public static PersistentVolumeClaim claim(
      ClusterEntity cluster,
      MemberEntity member,
      String namespace,
      OwnerReference owner,
      String size,
      String storageClass) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(claimName(member.name))
        .withNamespace(namespace)
        .withLabels(memberLabels(cluster, member))
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(storageClass)
        .withNewResources()
        .addToRequests("storage", new Quantity(size))
        .endResources()
        .endSpec()
        .build();
  }

  /**
   * The member's Pod: etcd of the cluster's release on its claim, reachable at its stable DNS name,
   * kept off nodes that run another member of the cluster where the scheduler can.
   */
  public static Pod pod(
      ClusterEntity cluster,
      MemberEntity member,
      String namespace,
      OwnerReference owner,
      String image,
      Map<String, String> initialCluster) {
    String self = address(cluster.name, member.name, namespace);
    List<String> command =
        List.of(
            "etcd",
            "--name=" + member.name,
            "--data-dir=" + DATA_DIR,
            "--listen-peer-urls=http://0.0.0.0:" + PEER_PORT,
            "--listen-client-urls=http://0.0.0.0:" + CLIENT_PORT,
            "--initial-advertise-peer-urls=http://" + self + ":" + PEER_PORT,
            "--advertise-client-urls=http://" + self + ":" + CLIENT_PORT,
            "--initial-cluster="
                + initialCluster.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")),
            "--initial-cluster-state=" + member.initialState.name().toLowerCase(),
            "--initial-cluster-token=" + cluster.token);
    return new PodBuilder()
        .withNewMetadata()
        .withName(member.name)
        .withNamespace(namespace)
        .withLabels(memberLabels(cluster, member))
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withHostname(member.name)
        .withSubdomain(peerService(cluster.name))
        .withRestartPolicy("Always")
        .withNewAffinity()
        .withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
        .withWeight(100)
        .withNewPodAffinityTerm()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector()
        .withMatchLabels(selector(cluster.name))
        .endLabelSelector()
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .endAffinity()
        .addNewContainer()
        .withName("etcd")
        .withImage(image + ":v" + member.version)
        .withCommand(command)
        .addNewPort()
        .withName("client")
        .withContainerPort(CLIENT_PORT)
        .endPort()
        .addNewPort()
        .withName("peer")
        .withContainerPort(PEER_PORT)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/health")
        .withPort(new IntOrString(CLIENT_PORT))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath(DATA_DIR)
        .endVolumeMount()
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .endResources()
        .endContainer()
        .addNewVolume()
        .withName("data")
        .withNewPersistentVolumeClaim()
        .withClaimName(claimName(member.name))
        .endPersistentVolumeClaim()
        .endVolume()
        .endSpec()
        .build();
  }

  private static Map<String, String> labels(ClusterEntity cluster, String component) {
    Map<String, String> labels = selector(cluster.name);
    labels.put(COMPONENT, component);
    labels.put(VERSION, cluster.version);
    return labels;
  }

  private static Map<String, String> memberLabels(ClusterEntity cluster, MemberEntity member) {
    Map<String, String> labels = labels(cluster, "member");
    labels.put(MEMBER, member.name);
    labels.put(VERSION, member.version);
    return labels;
  }
}

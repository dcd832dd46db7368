package io.orogen.agent.model;

import io.orogen.events.node.InitialClusterState;
import java.util.Map;

/**
 * What a member process should run with, as the agent keeps it on disk next to the member's data.
 *
 * @param cluster the cluster's name
 * @param member the member's name
 * @param version the etcd release
 * @param clusterToken {@code --initial-cluster-token}
 * @param initialCluster {@code --initial-cluster}, member name to peer URL
 * @param initialClusterState {@code new} or {@code existing}
 * @param peerPort the peer port
 * @param clientPort the client port
 * @param desired whether the member should run; a stopped member keeps its ports and data
 */
public record MemberSpec(
    String cluster,
    String member,
    String version,
    String clusterToken,
    Map<String, String> initialCluster,
    InitialClusterState initialClusterState,
    int peerPort,
    int clientPort,
    Desired desired) {

  /** Whether the agent keeps the member running. */
  public enum Desired {
    RUNNING,
    STOPPED
  }

  public MemberSpec {
    initialCluster = Map.copyOf(initialCluster);
  }

  /** The key of a member on a node: cluster and member name. */
  public String key() {
    return key(cluster, member);
  }

  public static String key(String cluster, String member) {
    return cluster + "/" + member;
  }

  public MemberSpec withDesired(Desired newDesired) {
    return new MemberSpec(
        cluster,
        member,
        version,
        clusterToken,
        initialCluster,
        initialClusterState,
        peerPort,
        clientPort,
        newDesired);
  }

  /** Whether {@code other} asks for the same process: same release, cluster and ports. */
  public boolean sameProcessAs(MemberSpec other) {
    return version.equals(other.version)
        && clusterToken.equals(other.clusterToken)
        && peerPort == other.peerPort
        && clientPort == other.clientPort;
  }
}

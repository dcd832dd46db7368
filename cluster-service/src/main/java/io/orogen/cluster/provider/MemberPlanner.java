package io.orogen.cluster.provider;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeCandidate;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.node.PortRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans new members of a cluster: each on its own ready node that runs the cluster's release and
 * hosts no other member of it, least loaded first, with two free ports from the node's range.
 */
public final class MemberPlanner {

  private MemberPlanner() {}

  /**
   * The nodes as placement sees them for {@code cluster}: every node that hosts none of its live
   * members, with its load, or (with {@code ownNodes}) every node, counting only other clusters'
   * members as its load, to check a new size.
   *
   * @param members every member of every cluster
   */
  public static List<NodeCandidate> candidates(
      ClusterEntity cluster,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness,
      boolean ownNodes) {
    Map<String, Integer> load = new HashMap<>();
    Set<String> hostingThisCluster = new HashSet<>();
    for (MemberEntity m : members) {
      boolean ours = m.cluster.equals(cluster.name) && m.membership != Membership.REMOVED;
      if (m.state != MemberState.REMOVED && !(ownNodes && ours)) {
        load.merge(m.node, 1, Integer::sum);
      }
      if (m.state != MemberState.REMOVED && ours) {
        hostingThisCluster.add(m.node);
      }
    }
    List<NodeCandidate> candidates = new ArrayList<>();
    for (NodeEntity node : nodes) {
      if (ownNodes || !hostingThisCluster.contains(node.name)) {
        candidates.add(
            new NodeCandidate(
                node.name,
                readiness.ready(node.lastSeen),
                node.versions(),
                load.getOrDefault(node.name, 0),
                node.maxMembers));
      }
    }
    return candidates;
  }

  /**
   * {@code count} new members, named {@code <cluster>-<ordinal>} from {@code firstOrdinal} on, in
   * state {@code PLANNED}.
   *
   * @param nodes every known node
   * @param members every member of every cluster (for load and ports held)
   * @param readiness which nodes are ready
   * @throws Placement.InsufficientNodesException when there are not enough suitable nodes
   */
  public static List<MemberEntity> plan(
      ClusterEntity cluster,
      int count,
      int firstOrdinal,
      Membership membership,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness) {
    Map<String, Set<Integer>> heldPorts = new HashMap<>();
    for (MemberEntity m : members) {
      if (m.state != MemberState.REMOVED) {
        Set<Integer> held = heldPorts.computeIfAbsent(m.node, n -> new HashSet<>());
        held.add(m.peerPort);
        held.add(m.clientPort);
      }
    }
    List<NodeCandidate> candidates = candidates(cluster, nodes, members, readiness, false);
    List<String> placed = Placement.place(count, cluster.version, candidates);

    Map<String, NodeEntity> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name, n));
    List<MemberEntity> planned = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      NodeEntity node = byName.get(placed.get(i));
      Set<Integer> held = heldPorts.computeIfAbsent(node.name, n -> new HashSet<>());
      List<Integer> ports =
          new PortRange(node.portFirst, node.portLast).lowestFree(held, 2, p -> true);
      if (ports.isEmpty()) {
        throw new Placement.InsufficientNodesException(
            "node " + node.name + " has no free ports left in its range");
      }
      held.addAll(ports);
      planned.add(
          MemberEntity.planned(
              cluster.name,
              cluster.version,
              firstOrdinal + i,
              membership,
              node.name,
              node.address,
              ports.get(0),
              ports.get(1)));
    }
    return planned;
  }
}

package io.orogen.cluster.service;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeCandidate;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.model.PortPicker;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import java.time.Instant;
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
   * {@code count} new members, named {@code <cluster>-<ordinal>} from {@code firstOrdinal} on, in
   * state {@code PLANNED}.
   *
   * @param nodes every known node
   * @param members every member of every cluster (for load and ports held)
   * @param readySince a node seen before this is not ready
   * @throws Placement.InsufficientNodesException when there are not enough suitable nodes
   */
  public static List<MemberEntity> plan(
      ClusterEntity cluster,
      int count,
      int firstOrdinal,
      Membership membership,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      Instant readySince) {
    Map<String, Integer> load = new HashMap<>();
    Map<String, Set<Integer>> heldPorts = new HashMap<>();
    Set<String> hostingThisCluster = new HashSet<>();
    for (MemberEntity m : members) {
      if (m.state != MemberState.REMOVED) {
        load.merge(m.node, 1, Integer::sum);
        Set<Integer> held = heldPorts.computeIfAbsent(m.node, n -> new HashSet<>());
        held.add(m.peerPort);
        held.add(m.clientPort);
        if (m.cluster.equals(cluster.name) && m.membership != Membership.REMOVED) {
          hostingThisCluster.add(m.node);
        }
      }
    }
    List<NodeCandidate> candidates = new ArrayList<>();
    for (NodeEntity node : nodes) {
      if (!hostingThisCluster.contains(node.name)) {
        candidates.add(
            new NodeCandidate(
                node.name,
                node.lastSeen.isAfter(readySince),
                node.versions(),
                load.getOrDefault(node.name, 0),
                node.maxMembers));
      }
    }
    List<String> placed = Placement.place(count, cluster.version, candidates);

    Map<String, NodeEntity> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name, n));
    List<MemberEntity> planned = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      NodeEntity node = byName.get(placed.get(i));
      Set<Integer> held = heldPorts.computeIfAbsent(node.name, n -> new HashSet<>());
      List<Integer> ports = PortPicker.pick(node.portFirst, node.portLast, held);
      if (ports.isEmpty()) {
        throw new Placement.InsufficientNodesException(
            "node " + node.name + " has no free ports left in its range");
      }
      held.addAll(ports);
      planned.add(
          MemberEntity.planned(
              cluster.name,
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

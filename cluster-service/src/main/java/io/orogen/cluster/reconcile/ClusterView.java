package io.orogen.cluster.reconcile;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.Provider;
import io.orogen.kit.command.Operation;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One pass's picture: the cluster, its members (retired ones included), every node, and, read only
 * when a step needs it, every member of every cluster (for node load and ports).
 */
record ClusterView(
    ClusterEntity cluster,
    List<MemberEntity> members,
    List<NodeEntity> nodes,
    Supplier<List<MemberEntity>> everyMember,
    NodeReadiness readiness) {

  /** {@code load}, called at most once. */
  static Supplier<List<MemberEntity>> memoized(Supplier<List<MemberEntity>> load) {
    return new Supplier<>() {
      private List<MemberEntity> loaded;

      @Override
      public synchronized List<MemberEntity> get() {
        if (loaded == null) {
          loaded = load.get();
        }
        return loaded;
      }
    };
  }

  /** Every member of every cluster: read from the database on first use in a pass. */
  List<MemberEntity> allMembers() {
    return everyMember.get();
  }

  Operation operation() {
    return new Operation(cluster.operationId, null);
  }

  List<MemberEntity> members(Predicate<MemberEntity> which) {
    return members.stream().filter(which).toList();
  }

  List<MemberEntity> inState(MemberState state) {
    return members(m -> m.state == state);
  }

  List<MemberEntity> voters() {
    return members(m -> m.membership == Membership.VOTER);
  }

  boolean nodeReady(String node) {
    return nodes.stream().anyMatch(n -> n.name.equals(node) && readiness.ready(n.lastSeen));
  }

  /** Whether the member runs on a node agent that stopped sending heartbeats. */
  boolean onLostNode(MemberEntity member) {
    return cluster.provider == Provider.AGENTS && !nodeReady(member.node);
  }

  boolean onKubernetes() {
    return cluster.provider == Provider.KUBERNETES;
  }

  /** How many live members, of any cluster, run on {@code node}. */
  int load(String node) {
    return (int)
        allMembers().stream()
            .filter(m -> m.node.equals(node) && m.state != MemberState.REMOVED)
            .count();
  }

  int nextOrdinal() {
    return members.stream().mapToInt(m -> m.ordinal).max().orElse(0) + 1;
  }

  /** The members in etcd's membership, as events show them. */
  List<ClusterMember> clusterMembers(Observed observed) {
    return members(MemberEntity::inMembership).stream()
        .map(
            m ->
                new ClusterMember(
                    m.name,
                    m.node,
                    observed.of(m).memberId() != null ? observed.of(m).memberId() : m.memberId,
                    m.peerUrl(),
                    m.clientUrl(),
                    m.membership == Membership.LEARNER ? MemberRole.LEARNER : observed.of(m).role(),
                    observed.of(m).version()))
        .toList();
  }

  List<String> endpoints() {
    return voters().stream().map(MemberEntity::clientUrl).toList();
  }
}

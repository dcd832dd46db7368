package io.orogen.cluster.provider;

import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.Domain;
import io.orogen.events.cluster.Provider;
import io.orogen.events.node.InitialClusterState;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.kit.command.Operation;
import io.orogen.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Members on Orogen's node agents: placed on ready nodes, driven by node commands through the
 * outbox; their processes' state comes back as node events.
 */
@ApplicationScoped
public class AgentMembers implements MemberProvider {

  private final Outbox outbox;

  public AgentMembers(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Provider kind() {
    return Provider.AGENTS;
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.empty();
  }

  @Override
  public Set<String> versions(List<NodeEntity> nodes, NodeReadiness readiness) {
    Set<String> available = new LinkedHashSet<>();
    nodes.stream()
        .filter(n -> readiness.ready(n.lastSeen))
        .forEach(n -> available.addAll(n.versions()));
    return available;
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
    return MemberPlanner.plan(cluster, count, firstOrdinal, membership, nodes, members, readiness);
  }

  @Override
  public Optional<String> shortfall(
      ClusterEntity cluster,
      int count,
      boolean resize,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness) {
    return Placement.shortfall(
        count,
        cluster.version,
        MemberPlanner.candidates(cluster, nodes, members, readiness, resize));
  }

  @Override
  public Uni<Void> start(
      ClusterEntity cluster,
      MemberEntity member,
      Map<String, String> initialCluster,
      Operation op) {
    return outbox.append(
        Domain.NODE,
        new StartMember(
            member.node,
            member.cluster,
            member.name,
            member.version,
            cluster.token,
            initialCluster,
            member.initialState,
            member.peerPort,
            member.clientPort,
            // Only the founding members restore; members that join later copy from the leader.
            member.initialState == InitialClusterState.NEW ? cluster.restoreFrom() : null),
        op);
  }

  @Override
  public Uni<Void> stop(ClusterEntity cluster, MemberEntity member, Operation op) {
    return outbox.append(
        Domain.NODE, new StopMember(member.node, member.cluster, member.name, cluster.token), op);
  }

  @Override
  public Uni<Void> removeData(ClusterEntity cluster, MemberEntity member, Operation op) {
    return outbox.append(
        Domain.NODE,
        new RemoveMemberData(member.node, member.cluster, member.name, cluster.token),
        op);
  }
}

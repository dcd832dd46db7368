package io.orogen.cluster.provider;

import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.cluster.Provider;
import io.orogen.kit.command.Operation;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where members run and how their processes are started and stopped: on Orogen's node agents, or as
 * Kubernetes Pods. The reconciler decides what happens; a provider carries it out.
 */
public interface MemberProvider {

  /** Which provider this is. */
  Provider kind();

  /** Why this provider cannot take clusters now, if it cannot. */
  Optional<String> unavailable();

  /** The etcd releases it can run. */
  Set<String> versions(List<NodeEntity> nodes, NodeReadiness readiness);

  /**
   * Plans {@code count} new members of {@code cluster}, named from {@code firstOrdinal} on.
   *
   * @param nodes every known node
   * @param members every member of every cluster
   * @param readiness which nodes are ready
   * @throws io.orogen.cluster.model.Placement.InsufficientNodesException when they do not fit
   */
  List<MemberEntity> plan(
      ClusterEntity cluster,
      int count,
      int firstOrdinal,
      Membership membership,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness);

  /**
   * Why {@code count} more members of {@code cluster} cannot be placed now, if they cannot; with
   * {@code resize}, why the cluster cannot have {@code count} members at all.
   *
   * @param members every member of every cluster
   */
  Optional<String> shortfall(
      ClusterEntity cluster,
      int count,
      boolean resize,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      NodeReadiness readiness);

  /** What starting {@code member} takes, inside the transaction that moves it to STARTING. */
  Uni<Void> start(
      ClusterEntity cluster, MemberEntity member, Map<String, String> initialCluster, Operation op);

  /** What stopping it takes, inside the transaction that moves it to STOPPING. */
  Uni<Void> stop(ClusterEntity cluster, MemberEntity member, Operation op);

  /** What removing its data takes, inside the transaction that moves it to REMOVING. */
  Uni<Void> removeData(ClusterEntity cluster, MemberEntity member, Operation op);

  /** Removes what the cluster had beside its members, once they are gone. */
  default void teardown(String cluster) {}
}

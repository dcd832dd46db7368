package io.orogen.cluster.provider;

import io.orogen.cluster.model.Membership;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.cluster.service.Operation;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where members run and how their processes are started and stopped: on Orogen's node agents, or as
 * Kubernetes Pods. The reconciler decides what happens; a provider carries it out.
 */
public interface MemberProvider {

  /** Why this provider cannot take clusters now, if it cannot. */
  Optional<String> unavailable();

  /** The etcd releases it can run. */
  Set<String> versions(List<NodeEntity> nodes, Instant readySince);

  /**
   * Plans {@code count} new members of {@code cluster}, named from {@code firstOrdinal} on.
   *
   * @param nodes every known node
   * @param members every member of every cluster
   * @param readySince a node seen before this is not ready
   * @throws io.orogen.cluster.model.Placement.InsufficientNodesException when they do not fit
   */
  List<MemberEntity> plan(
      ClusterEntity cluster,
      int count,
      int firstOrdinal,
      Membership membership,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      Instant readySince);

  /** What starting {@code member} takes, inside the transaction that moves it to STARTING. */
  Uni<Void> start(
      ClusterEntity cluster, MemberEntity member, Map<String, String> initialCluster, Operation op);

  /** What stopping it takes, inside the transaction that moves it to STOPPING. */
  Uni<Void> stop(ClusterEntity cluster, MemberEntity member, Operation op);

  /** What removing its data takes, inside the transaction that moves it to REMOVING. */
  Uni<Void> removeData(ClusterEntity cluster, MemberEntity member, Operation op);
}

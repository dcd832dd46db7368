package io.orogen.cluster.rest;

import io.orogen.events.Constraints;
import io.orogen.events.OneOf;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;

/** What the REST API shows of clusters. */
public final class ClusterViews {

  private ClusterViews() {}

  /**
   * A cluster in a list.
   *
   * @param name its name
   * @param provider where it runs
   * @param version its etcd release
   * @param size members it should have
   * @param readyMembers members that answered at the last look
   * @param phase PROVISIONING, READY, DEGRADED or DELETING
   */
  public record Summary(
      String name, String provider, String version, int size, int readyMembers, String phase) {}

  /**
   * One member.
   *
   * @param name its name
   * @param node the node it runs on
   * @param state its process state
   * @param membership JOINING, LEARNER or VOTER: its place in etcd's membership
   * @param role leader, follower, learner or unknown, at the last look
   * @param id its etcd member id
   * @param version the release it runs, as it last answered
   * @param release the release it is to run (another than the cluster's while it is rolled)
   * @param restart where a restart on {@code release} stands: STOPPING, STARTING, or null
   * @param raftIndex its Raft index
   * @param dbSize its database size in bytes
   * @param peerUrl its peer URL
   * @param clientUrl its client URL
   */
  public record Member(
      String name,
      String node,
      String state,
      String membership,
      String role,
      String id,
      String version,
      String release,
      String restart,
      Long raftIndex,
      Long dbSize,
      String peerUrl,
      String clientUrl) {}

  /**
   * A cluster in full.
   *
   * @param name its name
   * @param provider where it runs
   * @param version its exact release
   * @param requestedVersion the version asked for
   * @param size members it should have
   * @param scalingFrom the size before the scaling in progress, or absent
   * @param phase its phase
   * @param operationId the operation in progress or last done
   * @param clusterToken this incarnation's token ({@code DELETE ...?clusterToken=} acts on it only)
   * @param endpoints client URLs
   * @param etcdctl a command line that talks to the cluster
   * @param members its members
   * @param createdAt when it was accepted
   * @param readyAt when it was first ready
   */
  public record Details(
      String name,
      String provider,
      String version,
      String requestedVersion,
      int size,
      Integer scalingFrom,
      String phase,
      String operationId,
      String clusterToken,
      List<String> endpoints,
      String etcdctl,
      List<Member> members,
      Instant createdAt,
      Instant readyAt) {}

  /**
   * The body of {@code POST /api/v1/clusters/{name}/scale}.
   *
   * @param size the new number of members: 1, 3, 5 or 7
   */
  public record ScaleRequest(@NotNull @OneOf({1, 3, 5, 7}) Integer size) {}

  /** {@code POST /api/v1/clusters/{name}/leader}'s body: the member to lead. */
  public record LeaderRequest(@NotNull String to) {}

  /**
   * The body of {@code POST /api/v1/clusters/{name}/members/{member}/restart}.
   *
   * @param version the exact etcd release to restart the member on
   */
  public record RestartRequest(
      @NotNull
          @Pattern(regexp = Constraints.EXACT_VERSION, message = Constraints.EXACT_VERSION_MESSAGE)
          String version) {}

  /**
   * The answer to a long operation: {@code 202 Accepted}; the result arrives as events.
   *
   * @param cluster the cluster
   * @param operationId the correlation id of the events the operation produces
   * @param status where to watch the cluster
   */
  public record Accepted(String cluster, String operationId, String status) {}

  /**
   * A node as cluster-service sees it.
   *
   * @param name its name
   * @param address its address
   * @param ready whether it sent a heartbeat recently
   * @param etcdVersions the releases it can run
   * @param members how many members it runs
   * @param lastSeen its last heartbeat
   * @param bootId its boot id
   */
  public record Node(
      String name,
      String address,
      boolean ready,
      List<String> etcdVersions,
      long members,
      Instant lastSeen,
      String bootId) {}
}

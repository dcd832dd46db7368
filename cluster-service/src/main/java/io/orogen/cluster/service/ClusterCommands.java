package io.orogen.cluster.service;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.model.ClusterPhase;
import io.orogen.cluster.model.MemberRestart;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.cluster.provider.MemberProvider;
import io.orogen.cluster.provider.Providers;
import io.orogen.events.Domain;
import io.orogen.events.EtcdVersion;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.Provider;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.RestoreMembers;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.text.Bounded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The cluster commands, shared by the REST API and the Kafka consumer. Each method runs inside the
 * caller's transaction: the state change and its events commit together.
 */
@ApplicationScoped
public class ClusterCommands {

  /** Room for {@code -<ordinal>} of up to 8 digits in a 63-character member name. */
  static final int MAX_NAME = 54;

  private final Outbox outbox;
  private final Providers providers;
  private final ClusterServiceConfig config;

  private final NodeEventClock clock;

  public ClusterCommands(
      Outbox outbox, Providers providers, ClusterServiceConfig config, NodeEventClock clock) {
    this.clock = clock;
    this.outbox = outbox;
    this.providers = providers;
    this.config = config;
  }

  /**
   * Accepts a new cluster: resolves the version against the ready nodes, places the members on
   * distinct nodes with ports from their ranges, and records it all with {@code ClusterAccepted}.
   */
  public Uni<Outcome> create(CreateCluster command, Operation op) {
    if (command.name().length() > MAX_NAME) {
      String why =
          "must be at most "
              + MAX_NAME
              + " characters: its members are named <name>-<number>, and those must stay DNS"
              + " labels of at most 63";
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.INVALID_FIELD,
                  "name " + why,
                  List.of(new FieldError("name", why))));
    }
    Provider provider = command.provider() == null ? Provider.AGENTS : command.provider();
    if (command.restoreFrom() != null && provider != Provider.AGENTS) {
      String why = "restoring from a backup needs the agents provider";
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.INVALID_FIELD, why, List.of(new FieldError("restoreFrom", why))));
    }
    Optional<String> unavailable = providers.of(provider).unavailable();
    if (unavailable.isPresent()) {
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.INVALID_FIELD,
                  unavailable.get(),
                  List.of(new FieldError("provider", unavailable.get()))));
    }
    return ClusterEntity.<ClusterEntity>findById(command.name())
        .flatMap(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .item(
                        (Outcome)
                            new Outcome.Rejected(
                                RejectionCode.NAME_TAKEN,
                                "a cluster named " + command.name() + " already exists"));
              }
              // One session runs one query at a time: read nodes, then members.
              return NodeEntity.<NodeEntity>listAll()
                  .flatMap(
                      nodes ->
                          MemberEntity.<MemberEntity>listAll()
                              .flatMap(members -> place(command, provider, nodes, members, op)));
            });
  }

  /** Starts deleting a cluster; deleting one already being deleted is accepted again. */
  public Uni<Outcome> delete(DeleteCluster command, Operation op) {
    return ClusterEntity.<ClusterEntity>findById(command.cluster())
        .map(
            cluster -> {
              if (cluster == null) {
                return new Outcome.Rejected(
                    RejectionCode.NOT_FOUND, "no cluster named " + command.cluster());
              }
              if (command.clusterToken() != null && !command.clusterToken().equals(cluster.token)) {
                return new Outcome.Rejected(
                    RejectionCode.NOT_FOUND,
                    "cluster "
                        + cluster.name
                        + " is another incarnation (token "
                        + cluster.token
                        + "), not "
                        + Bounded.id(command.clusterToken()));
              }
              if (cluster.phase != ClusterPhase.DELETING) {
                cluster.phase = ClusterPhase.DELETING;
                cluster.operationId = op.correlationId();
                cluster.updatedAt = Instant.now();
              }
              return new Outcome.Accepted(cluster.name, cluster.operationId);
            });
  }

  /**
   * Starts scaling a cluster to a new size; the reconciler adds or removes one member at a time and
   * answers {@code ClusterScaled} when it is done.
   */
  public Uni<Outcome> scale(ScaleCluster command, Operation op) {
    return ClusterEntity.<ClusterEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(RejectionCode.NOT_FOUND, "no cluster named " + command.cluster());
              }
              if (cluster.phase == ClusterPhase.DELETING) {
                return rejected(
                    RejectionCode.CONFLICT, "cluster " + cluster.name + " is being deleted");
              }
              if (cluster.phase == ClusterPhase.PROVISIONING) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster "
                        + cluster.name
                        + " is still being created; scale it once it is ready");
              }
              if (cluster.phase == ClusterPhase.RESTORING) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster " + cluster.name + " is being restored; scale it once it is ready");
              }
              if (cluster.leaderWanted != null) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster "
                        + cluster.name
                        + " is handing its leadership to "
                        + cluster.leaderWanted
                        + "; scale it once that is done");
              }
              return NodeEntity.<NodeEntity>listAll()
                  .flatMap(
                      nodes ->
                          MemberEntity.<MemberEntity>listAll()
                              .map(
                                  members ->
                                      restarting(cluster, members)
                                          .<Outcome>map(
                                              m ->
                                                  new Outcome.Rejected(
                                                      RejectionCode.CONFLICT,
                                                      "cluster "
                                                          + cluster.name
                                                          + " restarts member "
                                                          + m.name
                                                          + " on etcd "
                                                          + m.version
                                                          + "; scale it once that is done"))
                                          .orElseGet(
                                              () ->
                                                  scale(
                                                      cluster,
                                                      command.size(),
                                                      nodes,
                                                      members,
                                                      op))));
            });
  }

  /**
   * @param members every member of every cluster: the load of the nodes
   */
  private Outcome scale(
      ClusterEntity cluster,
      int size,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      Operation op) {
    NodeReadiness readiness = NodeReadiness.at(clock.now(), config.nodeTimeout());
    Optional<String> shortfall =
        providers.of(cluster.provider).shortfall(cluster, size, true, nodes, members, readiness);
    if (shortfall.isPresent()) {
      return new Outcome.Rejected(RejectionCode.INSUFFICIENT_NODES, shortfall.get());
    }
    if (cluster.scalingFrom == null) {
      cluster.scalingFrom = cluster.size;
    }
    cluster.size = size;
    cluster.operationId = op.correlationId();
    cluster.updatedAt = Instant.now();
    return new Outcome.Accepted(cluster.name, op.correlationId());
  }

  /**
   * Asks for a cluster's leadership to go to one of its voters; the reconciler moves it and says
   * {@code LeaderMoved} (or {@code LeaderTransferFailed} after {@code
   * orogen.cluster.leader-transfer-timeout}). Refused while anything else changes the cluster.
   */
  public Uni<Outcome> transferLeadership(TransferLeadership command, Operation op) {
    return ClusterEntity.<ClusterEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(RejectionCode.NOT_FOUND, "no cluster named " + command.cluster());
              }
              String busy = busyWith(cluster);
              if (busy != null) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster "
                        + cluster.name
                        + " is "
                        + busy
                        + "; its leadership moves once that is done");
              }
              return MemberEntity.<MemberEntity>list("cluster", cluster.name)
                  .map(members -> transferLeadership(cluster, command.to(), members, op));
            });
  }

  /** What keeps a cluster from a leadership transfer now, or null. */
  private static String busyWith(ClusterEntity cluster) {
    if (cluster.phase != ClusterPhase.READY && cluster.phase != ClusterPhase.DEGRADED) {
      return cluster.phase.name().toLowerCase();
    }
    if (cluster.scalingFrom != null) {
      return "being scaled";
    }
    if (cluster.leaderWanted != null) {
      return "handing its leadership to " + cluster.leaderWanted;
    }
    return null;
  }

  private static Outcome transferLeadership(
      ClusterEntity cluster, String to, List<MemberEntity> members, Operation op) {
    Optional<MemberEntity> restarting = restarting(cluster, members);
    if (restarting.isPresent()) {
      return new Outcome.Rejected(
          RejectionCode.CONFLICT,
          "cluster "
              + cluster.name
              + " restarts member "
              + restarting.get().name
              + "; its leadership moves once that is done");
    }
    Optional<MemberEntity> target =
        members.stream().filter(m -> m.name.equals(to) && m.inMembership()).findFirst();
    if (target.isEmpty() || target.get().membership != Membership.VOTER) {
      String message =
          target.isEmpty()
              ? "cluster " + cluster.name + " has no member named " + to
              : "member " + to + " is a learner: only a voting member can lead";
      return new Outcome.Rejected(
          RejectionCode.INVALID_FIELD, message, List.of(new FieldError("to", message)));
    }
    cluster.leaderWanted = to;
    cluster.leaderFrom =
        members.stream()
            .filter(m -> m.role == MemberRole.LEADER && m.inMembership())
            .map(m -> m.name)
            .findFirst()
            .orElse(null);
    cluster.leaderWantedAt = Instant.now();
    cluster.operationId = op.correlationId();
    cluster.updatedAt = Instant.now();
    return new Outcome.Accepted(cluster.name, op.correlationId());
  }

  /**
   * Starts restoring a cluster in place from an artifact; the reconciler stops the members,
   * replaces their data and starts them again ({@code MembersRestored}). Refused unless every voter
   * is settled on a ready node and nothing else changes the cluster.
   */
  public Uni<Outcome> restoreMembers(RestoreMembers command, Operation op) {
    return ClusterEntity.<ClusterEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(RejectionCode.NOT_FOUND, "no cluster named " + command.cluster());
              }
              if (cluster.phase != ClusterPhase.READY && cluster.phase != ClusterPhase.DEGRADED) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster "
                        + cluster.name
                        + " is "
                        + cluster.phase.name().toLowerCase()
                        + "; it is restored in place once it is ready or degraded");
              }
              if (cluster.scalingFrom != null) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster " + cluster.name + " is being scaled; restore it once it is done");
              }
              if (cluster.provider != Provider.AGENTS) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "a restore in place runs on node agents' clusters; restore "
                        + cluster.name
                        + " into a new cluster instead");
              }
              NodeReadiness readiness = NodeReadiness.at(clock.now(), config.nodeTimeout());
              return NodeEntity.<NodeEntity>listAll()
                  .flatMap(
                      nodes ->
                          MemberEntity.<MemberEntity>list("cluster = ?1", cluster.name)
                              .map(
                                  members ->
                                      restoreMembers(
                                          cluster, command, members, nodes, readiness, op)));
            });
  }

  private Outcome restoreMembers(
      ClusterEntity cluster,
      RestoreMembers command,
      List<MemberEntity> members,
      List<NodeEntity> nodes,
      NodeReadiness readiness,
      Operation op) {
    Optional<MemberEntity> restarting = restarting(cluster, members);
    if (restarting.isPresent()) {
      return new Outcome.Rejected(
          RejectionCode.CONFLICT,
          "cluster "
              + cluster.name
              + " restarts member "
              + restarting.get().name
              + "; restore it once that is done");
    }
    for (MemberEntity member : members) {
      // A failed member is restored with the others (a lost quorum is restored this way); a
      // learner is a membership change under way.
      if (member.membership == Membership.LEARNER) {
        return new Outcome.Rejected(
            RejectionCode.CONFLICT,
            "cluster "
                + cluster.name
                + " is adding member "
                + member.name
                + "; restore it once that is done");
      }
      boolean nodeReady =
          nodes.stream().anyMatch(n -> n.name.equals(member.node) && readiness.ready(n.lastSeen));
      if (member.membership == Membership.VOTER && !nodeReady) {
        return new Outcome.Rejected(
            RejectionCode.CONFLICT,
            "node "
                + member.node
                + " of member "
                + member.name
                + " is not ready; a restore in place needs every member's node");
      }
    }
    cluster.phase = ClusterPhase.RESTORING;
    cluster.restoreStage = "STOPPING";
    cluster.restoreBackupId = command.restoreFrom().backupId();
    cluster.restoreUrl = command.restoreFrom().url();
    cluster.restoreSha256 = command.restoreFrom().sha256();
    cluster.restoreRevision = command.restoreFrom().revision();
    cluster.operationId = op.correlationId();
    cluster.updatedAt = Instant.now();
    return new Outcome.Accepted(cluster.name, op.correlationId());
  }

  /**
   * Asks for one voting member to be restarted on its data with a release; the reconciler stops it,
   * starts it on the release and says {@code MemberRestarted} once it answers and caught up. Asking
   * again while it restarts changes the release (a rollback does that).
   */
  public Uni<Outcome> restartMember(RestartMember command, Operation op) {
    return ClusterEntity.<ClusterEntity>findById(command.cluster())
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return rejected(RejectionCode.NOT_FOUND, "no cluster named " + command.cluster());
              }
              String busy = busyWith(cluster);
              if (busy != null) {
                return rejected(
                    RejectionCode.CONFLICT,
                    "cluster "
                        + cluster.name
                        + " is "
                        + busy
                        + "; restart its members once that is done");
              }
              return NodeEntity.<NodeEntity>listAll()
                  .flatMap(
                      nodes ->
                          MemberEntity.<MemberEntity>list("cluster", cluster.name)
                              .map(members -> restartMember(cluster, command, members, nodes, op)));
            });
  }

  private Outcome restartMember(
      ClusterEntity cluster,
      RestartMember command,
      List<MemberEntity> members,
      List<NodeEntity> nodes,
      Operation op) {
    Optional<MemberEntity> found =
        members.stream()
            .filter(m -> m.name.equals(command.member()) && m.inMembership())
            .findFirst();
    if (found.isEmpty() || found.get().membership != Membership.VOTER) {
      String message =
          found.isEmpty()
              ? "cluster " + cluster.name + " has no member named " + Bounded.id(command.member())
              : "member "
                  + command.member()
                  + " is a learner still joining; restart it once it votes";
      return new Outcome.Rejected(
          RejectionCode.INVALID_FIELD, message, List.of(new FieldError("member", message)));
    }
    MemberEntity member = found.get();
    Optional<MemberEntity> other =
        restarting(cluster, members).filter(m -> !m.name.equals(member.name));
    if (other.isPresent()) {
      return new Outcome.Rejected(
          RejectionCode.CONFLICT,
          "cluster "
              + cluster.name
              + " restarts member "
              + other.get().name
              + " on etcd "
              + other.get().version
              + "; one member restarts at a time");
    }
    if (member.restartStage != null && command.version().equals(member.version)) {
      return new Outcome.Accepted(cluster.name, cluster.operationId); // asked again
    }
    NodeReadiness readiness = NodeReadiness.at(clock.now(), config.nodeTimeout());
    MemberProvider provider = providers.of(cluster.provider);
    List<NodeEntity> node = nodes.stream().filter(n -> n.name.equals(member.node)).toList();
    if (cluster.provider == Provider.AGENTS
        && node.stream().noneMatch(n -> readiness.ready(n.lastSeen))) {
      return new Outcome.Rejected(
          RejectionCode.CONFLICT,
          "node " + member.node + " of member " + member.name + " is not ready");
    }
    Set<String> available = provider.versions(node, readiness);
    if (!available.contains(command.version())) {
      String message =
          "etcd "
              + command.version()
              + " is not available "
              + (cluster.provider == Provider.AGENTS ? "on node " + member.node : "on Kubernetes")
              + "; it has "
              + String.join(", ", EtcdVersion.newestFirst(available));
      return new Outcome.Rejected(
          RejectionCode.UNKNOWN_VERSION, message, List.of(new FieldError("version", message)));
    }
    List<MemberEntity> voters =
        members.stream().filter(m -> m.membership == Membership.VOTER).toList();
    long othersAnswering =
        voters.stream()
            .filter(m -> m != member)
            .filter(m -> m.state == MemberState.RUNNING && m.role != null)
            .filter(m -> m.role != MemberRole.UNKNOWN)
            .count();
    int quorum = voters.size() / 2 + 1;
    if (voters.size() > 1 && othersAnswering < quorum) {
      return new Outcome.Rejected(
          RejectionCode.CONFLICT,
          "restarting "
              + member.name
              + " now would leave "
              + othersAnswering
              + " of "
              + voters.size()
              + " members answering, and quorum needs "
              + quorum);
    }
    member.restartFrom = member.version;
    member.version = command.version();
    member.restartStage = MemberRestart.Stage.STOPPING.name();
    member.restartAskedAt = Instant.now();
    member.updatedAt = Instant.now();
    cluster.operationId = op.correlationId();
    cluster.updatedAt = Instant.now();
    return new Outcome.Accepted(cluster.name, op.correlationId());
  }

  /** The member of {@code cluster} restarting on a release, if one is. */
  private static Optional<MemberEntity> restarting(
      ClusterEntity cluster, List<MemberEntity> members) {
    return members.stream()
        .filter(m -> m.cluster.equals(cluster.name) && m.restartStage != null)
        .findFirst();
  }

  private static Uni<Outcome> rejected(RejectionCode code, String message) {
    return Uni.createFrom().item(new Outcome.Rejected(code, message));
  }

  private Uni<Outcome> place(
      CreateCluster command,
      Provider provider,
      List<NodeEntity> nodes,
      List<MemberEntity> all,
      Operation op) {
    Instant now = Instant.now();
    NodeReadiness readiness = NodeReadiness.at(clock.now(), config.nodeTimeout());
    MemberProvider members = providers.of(provider);
    Set<String> available = members.versions(nodes, readiness);
    String version = EtcdVersion.resolve(command.version(), available).orElse(null);
    if (version == null) {
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.UNKNOWN_VERSION,
                  "etcd "
                      + command.version()
                      + " is not available"
                      + (provider == Provider.AGENTS ? " on any ready node" : " on Kubernetes")
                      + "; available: "
                      + (available.isEmpty()
                          ? "none (no node is ready)"
                          : String.join(", ", EtcdVersion.newestFirst(available))),
                  List.of(new FieldError("version", "not available"))));
    }
    ClusterEntity cluster = new ClusterEntity();
    cluster.name = command.name();
    cluster.uid = UUID.randomUUID();
    cluster.size = command.size();
    cluster.version = version;
    cluster.requestedVersion = command.version();
    cluster.provider = provider;
    cluster.phase = ClusterPhase.PROVISIONING;
    cluster.token = command.name() + "-" + cluster.uid.toString().substring(0, 8);
    cluster.operationId = op.correlationId();
    if (command.restoreFrom() != null) {
      cluster.restoreBackupId = command.restoreFrom().backupId();
      cluster.restoreUrl = command.restoreFrom().url();
      cluster.restoreSha256 = command.restoreFrom().sha256();
      cluster.restoreRevision = command.restoreFrom().revision();
    }
    cluster.createdAt = now;
    cluster.updatedAt = now;
    List<MemberEntity> newMembers;
    try {
      newMembers =
          members.plan(cluster, command.size(), 1, Membership.VOTER, nodes, all, readiness);
    } catch (Placement.InsufficientNodesException e) {
      return Uni.createFrom()
          .item(new Outcome.Rejected(RejectionCode.INSUFFICIENT_NODES, e.getMessage()));
    }
    return cluster
        .persist()
        .chain(() -> MemberEntity.persist(newMembers))
        .chain(
            () ->
                outbox.append(
                    Domain.CLUSTER,
                    new ClusterAccepted(
                        cluster.name,
                        cluster.size,
                        version,
                        command.version(),
                        provider,
                        cluster.token),
                    op))
        .replaceWith(new Outcome.Accepted(cluster.name, op.correlationId()));
  }
}

package io.orogen.cluster.reconcile;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.etcd.EtcdMembership;
import io.orogen.cluster.etcd.EtcdMembership.MembershipException;
import io.orogen.cluster.model.ClusterHealth;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.MembershipPlan;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.provider.MemberProvider;
import io.orogen.cluster.provider.Providers;
import io.orogen.events.Domain;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.LeaderTransferFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Carries out the membership step {@link MembershipPlan} chooses for a cluster, at most one per
 * pass, through etcd's own API and the member provider:
 *
 * <ul>
 *   <li>{@code AddLearner}: the member is added as a learner and started with {@code
 *       --initial-cluster-state=existing}.
 *   <li>{@code Promote}: the learner becomes a voter once it caught up with the leader ({@code
 *       MemberReplaced} when it replaces a failed one).
 *   <li>{@code Retire}: the member is removed from the membership and stopped; its data goes once
 *       it stopped.
 *   <li>{@code PlanMember}: a new member is planned on a ready node that hosts none of the cluster.
 *   <li>{@code MoveLeader}: the leader hands over leadership before it is removed.
 *   <li>{@code FinishScaling}: {@code ClusterScaled}.
 * </ul>
 *
 * etcd refuses membership changes until its leader has seen every voter for 5 s; a refused change
 * is tried again on a later pass.
 */
@ApplicationScoped
class MembershipSteps {

  private static final Logger LOG = Logger.getLogger(MembershipSteps.class);

  private final EtcdMembership etcd;
  private final Changes changes;
  private final Providers providers;
  private final Map<String, String> lastWarning = new ConcurrentHashMap<>();
  private final Duration leaderTransferTimeout;

  MembershipSteps(
      EtcdMembership etcd, Changes changes, Providers providers, ClusterServiceConfig config) {
    this.leaderTransferTimeout = config.leaderTransferTimeout();
    this.etcd = etcd;
    this.changes = changes;
    this.providers = providers;
  }

  private MemberProvider provider(ClusterView view) {
    return providers.of(view.cluster().provider);
  }

  void step(ClusterView view, Observed observed) {
    MembershipPlan.Step step = MembershipPlan.next(describe(view, observed));
    List<String> endpoints =
        view.voters().stream().filter(observed::answering).map(MemberEntity::clientUrl).toList();
    try {
      if (step instanceof MembershipPlan.Wait wait) {
        if (wait.reason() != null) {
          warnOnce(view, wait.reason());
        }
        return;
      } else if (step instanceof MembershipPlan.AddLearner add) {
        addLearner(view, member(view, add.member()), endpoints);
      } else if (step instanceof MembershipPlan.Promote promote) {
        promote(view, member(view, promote.member()), endpoints, observed);
      } else if (step instanceof MembershipPlan.Retire retire) {
        retire(view, member(view, retire.member()), endpoints);
      } else if (step instanceof MembershipPlan.PlanMember plan) {
        planMember(view, plan.replaces());
      } else if (step instanceof MembershipPlan.MoveLeader move) {
        moveLeader(view, move, observed);
      } else if (step instanceof MembershipPlan.FinishScaling) {
        finishScaling(view, observed);
      } else if (step instanceof MembershipPlan.LeaderMoved moved) {
        finishTransfer(
            view,
            new LeaderMoved(
                view.cluster().name,
                view.cluster().leaderFrom,
                moved.to(),
                Duration.between(view.cluster().leaderWantedAt, Instant.now()).toMillis()));
      } else if (step instanceof MembershipPlan.AbandonTransfer abandon) {
        finishTransfer(
            view,
            new LeaderTransferFailed(
                view.cluster().name, view.cluster().leaderWanted, abandon.reason()));
      }
      lastWarning.remove(view.cluster().name);
    } catch (MembershipException | Placement.InsufficientNodesException e) {
      warnOnce(view, e.getMessage());
    }
  }

  /** The cluster as {@link MembershipPlan} sees it. */
  private MembershipPlan.Cluster describe(ClusterView view, Observed observed) {
    List<MembershipPlan.Member> members =
        view.members().stream()
            .map(
                m ->
                    new MembershipPlan.Member(
                        m.name,
                        m.ordinal,
                        m.state,
                        m.membership,
                        m.failure,
                        m.replaces,
                        observed.answering(m),
                        observed.leads(m),
                        observed.of(m).raftIndex(),
                        !view.onLostNode(m),
                        m.membership == Membership.VOTER
                                && view.voters().size() > view.cluster().size
                            ? view.load(m.node)
                            : 0))
            .toList();
    List<MemberEntity> voters = view.voters();
    boolean whole = ClusterHealth.assess(voters.size(), voters.size(), observed.of(voters)).whole();
    boolean needsNode =
        voters.size() < view.cluster().size || voters.stream().anyMatch(m -> m.failure != null);
    Optional<String> placement =
        needsNode
            ? provider(view)
                .shortfall(
                    view.cluster(), 1, false, view.nodes(), view.allMembers(), view.readiness())
            : Optional.empty();
    ClusterEntity cluster = view.cluster();
    Optional<MembershipPlan.Transfer> transfer =
        cluster.leaderWanted == null
            ? Optional.empty()
            : Optional.of(
                new MembershipPlan.Transfer(
                    cluster.leaderWanted,
                    cluster.leaderWantedAt.plus(leaderTransferTimeout).isBefore(Instant.now())));
    return new MembershipPlan.Cluster(
        cluster.size, cluster.scalingFrom != null, whole, members, placement, transfer);
  }

  private static MemberEntity member(ClusterView view, String name) {
    return view.members(m -> m.name.equals(name)).stream().findFirst().orElseThrow();
  }

  private void addLearner(ClusterView view, MemberEntity member, List<String> endpoints) {
    EtcdMembership.Added added = etcd.addLearner(endpoints, member.name, member.peerUrl());
    LOG.infof(
        "cluster %s: added member %s on %s as a learner (id %s)",
        member.cluster, member.name, member.node, added.memberId());
    changes.member(
        member,
        m -> {
          m.memberId = added.memberId();
          m.membership = Membership.LEARNER;
          m.state = MemberState.STARTING;
        },
        () ->
            provider(view).start(view.cluster(), member, added.initialCluster(), view.operation()));
  }

  private void promote(
      ClusterView view, MemberEntity member, List<String> endpoints, Observed observed) {
    if (!etcd.promote(endpoints, member.memberId)) {
      LOG.debugf("cluster %s: learner %s is catching up", member.cluster, member.name);
      return;
    }
    LOG.infof("cluster %s: promoted %s to a voting member", member.cluster, member.name);
    MemberEntity replaced =
        view.members(m -> m.name.equals(member.replaces)).stream().findFirst().orElse(null);
    changes.member(
        member,
        m -> {
          m.membership = Membership.VOTER;
          m.role = MemberRole.FOLLOWER;
        },
        () ->
            replaced == null
                ? Changes.none()
                : changes.send(
                    Domain.CLUSTER,
                    new MemberReplaced(
                        member.cluster,
                        replaced.name,
                        replaced.node,
                        view.clusterMembers(observed).stream()
                            .filter(c -> c.name().equals(member.name))
                            .findFirst()
                            .map(MembershipSteps::asVoter)
                            .orElseThrow(),
                        Stream.concat(view.endpoints().stream(), Stream.of(member.clientUrl()))
                            .toList()),
                    view.operation()));
  }

  /** Plans one new member; it replaces {@code replaces}, when not null. */
  private void planMember(ClusterView view, String replaces) {
    MemberEntity member =
        provider(view)
            .plan(
                view.cluster(),
                1,
                view.nextOrdinal(),
                Membership.JOINING,
                view.nodes(),
                view.allMembers(),
                view.readiness())
            .get(0);
    member.replaces = replaces;
    LOG.infof(
        "cluster %s: planning member %s on %s%s",
        member.cluster,
        member.name,
        member.node,
        member.replaces == null ? "" : " to replace " + member.replaces);
    changes.add(member);
  }

  private void moveLeader(ClusterView view, MembershipPlan.MoveLeader move, Observed observed) {
    MemberEntity leader = member(view, move.from());
    MemberEntity next = member(view, move.to());
    LOG.infof(
        "cluster %s: moving leadership from %s to %s%s",
        leader.cluster,
        leader.name,
        next.name,
        next.name.equals(view.cluster().leaderWanted) ? "" : " before removing " + leader.name);
    etcd.moveLeader(leader.clientUrl(), observed.of(next).memberId());
  }

  /** Removes a member from etcd's membership and stops it; its data goes once it stopped. */
  private void retire(ClusterView view, MemberEntity member, List<String> endpoints) {
    String id =
        member.memberId != null
            ? member.memberId
            : etcd.find(endpoints, member.peerUrl()).orElse(null);
    if (id != null) {
      // Asked through the members that stay: the member removed stops at once, and an answer it
      // was to give comes back as "server stopped" although the removal committed.
      List<String> others =
          endpoints.stream().filter(url -> !url.equals(member.clientUrl())).toList();
      etcd.remove(others.isEmpty() ? endpoints : others, id);
    }
    LOG.infof(
        "cluster %s: removed member %s on %s from the membership%s",
        member.cluster,
        member.name,
        member.node,
        member.failure == null ? "" : " (" + member.failure + ")");
    // etcd has removed it: the row follows whatever its process did meanwhile (a member removed
    // from etcd's membership stops by itself, and its exit may have been recorded already).
    boolean placed = stateAfterRetirement(member.state) == MemberState.STOPPING;
    changes.member(
        member,
        current -> current.membership == member.membership,
        m -> {
          m.membership = Membership.REMOVED;
          m.state = stateAfterRetirement(m.state);
          m.role = null;
          m.restartAt = null;
        },
        () ->
            placed
                ? provider(view).stop(view.cluster(), member, view.operation())
                : Changes.none());
  }

  /** A retired member's process is stopped (if it was placed); one never started is gone. */
  private static MemberState stateAfterRetirement(MemberState state) {
    return switch (state) {
      case PLANNED -> MemberState.REMOVED;
      case STARTING, RUNNING, EXITED -> MemberState.STOPPING;
      default -> state;
    };
  }

  private void finishScaling(ClusterView view, Observed observed) {
    ClusterEntity cluster = view.cluster();
    Integer from = cluster.scalingFrom;
    List<ClusterMember> members = view.clusterMembers(observed);
    boolean made =
        changes.cluster(
            cluster,
            c -> Objects.equals(c.scalingFrom, from) && c.size == cluster.size,
            c -> c.scalingFrom = null,
            () ->
                changes.send(
                    Domain.CLUSTER,
                    new ClusterScaled(cluster.name, from, cluster.size, view.endpoints(), members),
                    view.operation()));
    if (made) {
      LOG.infof(
          "cluster %s scaled from %d to %d members (correlation %s)",
          cluster.name, from, cluster.size, cluster.operationId);
      cluster.scalingFrom = null;
    }
  }

  /**
   * Ends the cluster's leadership transfer with {@code outcome} ({@code LeaderMoved} or failed).
   */
  private void finishTransfer(ClusterView view, io.orogen.events.Event outcome) {
    ClusterEntity cluster = view.cluster();
    String to = cluster.leaderWanted;
    boolean made =
        changes.cluster(
            cluster,
            c -> Objects.equals(c.leaderWanted, to),
            c -> {
              c.leaderWanted = null;
              c.leaderFrom = null;
              c.leaderWantedAt = null;
            },
            () -> changes.send(Domain.CLUSTER, outcome, view.operation()));
    if (made) {
      LOG.infof(
          "cluster %s: %s (correlation %s)",
          cluster.name,
          outcome instanceof LeaderTransferFailed failed
              ? "leadership stays, not handed to " + to + ": " + failed.reason()
              : "leadership handed to " + to,
          cluster.operationId);
      cluster.leaderWanted = null;
    }
  }

  /** Drops what is kept for a cluster that is gone. */
  void forget(String cluster) {
    lastWarning.remove(cluster);
  }

  private void warnOnce(ClusterView view, String message) {
    if (!message.equals(lastWarning.put(view.cluster().name, message))) {
      LOG.warnf("cluster %s: %s", view.cluster().name, message);
    }
  }

  private static ClusterMember asVoter(ClusterMember learner) {
    return new ClusterMember(
        learner.name(),
        learner.node(),
        learner.id(),
        learner.peerUrl(),
        learner.clientUrl(),
        MemberRole.FOLLOWER,
        learner.version());
  }
}

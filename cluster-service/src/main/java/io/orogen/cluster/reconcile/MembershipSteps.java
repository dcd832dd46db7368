package io.orogen.cluster.reconcile;

import io.orogen.cluster.etcd.EtcdMembership;
import io.orogen.cluster.etcd.EtcdMembership.MembershipException;
import io.orogen.cluster.model.ClusterHealth;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.model.ScaleIn;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.provider.MemberProvider;
import io.orogen.cluster.provider.Providers;
import io.orogen.events.Domain;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Changes a cluster's membership, at most one change per pass and none without quorum, in the order
 * etcd's runtime-reconfiguration guide gives:
 *
 * <ol>
 *   <li>{@code advanceJoining}: a new member is added as a learner, started with {@code
 *       --initial-cluster-state=existing}, and promoted to a voter once it caught up with the
 *       leader ({@code MemberReplaced} when it replaces a failed one).
 *   <li>{@code replaceFailed}: a member marked failed is removed from the membership and stopped,
 *       once a node can take its replacement and the rest keep quorum; the next pass adds the
 *       replacement.
 *   <li>{@code join}: fewer voters than the size asks for: plan one new member on a ready node that
 *       hosts none of the cluster.
 *   <li>{@code shrink}: more voters than the size: remove one, a follower before the leader; the
 *       leader hands over leadership first.
 *   <li>{@code finishScaling}: the size is reached and every member answers: {@code ClusterScaled}.
 * </ol>
 */
@ApplicationScoped
class MembershipSteps {

  private static final Logger LOG = Logger.getLogger(MembershipSteps.class);

  private final EtcdMembership etcd;
  private final Changes changes;
  private final Providers providers;
  private final Map<String, String> lastWarning = new ConcurrentHashMap<>();

  MembershipSteps(EtcdMembership etcd, Changes changes, Providers providers) {
    this.etcd = etcd;
    this.changes = changes;
    this.providers = providers;
  }

  private MemberProvider provider(ClusterView view) {
    return providers.of(view.cluster().provider);
  }

  void step(ClusterView view, Observed observed) {
    List<MemberEntity> voters = view.voters();
    List<MemberEntity> answering = voters.stream().filter(observed::answering).toList();
    if (voters.isEmpty() || answering.size() <= voters.size() / 2) {
      return; // no change without quorum
    }
    List<String> endpoints = answering.stream().map(MemberEntity::clientUrl).toList();
    try {
      Optional<MemberEntity> joining =
          view
              .members(
                  m -> m.membership == Membership.JOINING || m.membership == Membership.LEARNER)
              .stream()
              .findFirst();
      Optional<MemberEntity> failed = voters.stream().filter(m -> m.failure != null).findFirst();
      if (joining.isPresent()) {
        advanceJoining(view, joining.get(), endpoints, observed);
      } else if (failed.isPresent()) {
        replaceFailed(view, failed.get(), answering, endpoints);
      } else if (voters.size() < view.cluster().size) {
        join(view);
      } else if (voters.size() > view.cluster().size) {
        shrink(view, voters, answering, observed);
      } else {
        finishScaling(view, observed);
      }
      lastWarning.remove(view.cluster().name);
    } catch (MembershipException | Placement.InsufficientNodesException e) {
      warnOnce(view, e.getMessage());
    }
  }

  private void advanceJoining(
      ClusterView view, MemberEntity member, List<String> endpoints, Observed observed) {
    if (member.failure != null) {
      retire(view, member, endpoints); // it failed before it could join
      return;
    }
    if (member.membership == Membership.JOINING && member.state == MemberState.PLANNED) {
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
              provider(view)
                  .start(view.cluster(), member, added.initialCluster(), view.operation()));
    } else if (member.membership == Membership.LEARNER
        && member.state == MemberState.RUNNING
        && observed.answering(member)) {
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
            m.role = "follower";
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
  }

  /** Removes a failed voter, once a node can take its replacement and the rest keep quorum. */
  private void replaceFailed(
      ClusterView view, MemberEntity failed, List<MemberEntity> answering, List<String> endpoints) {
    if (view.voters().size() <= 1) {
      warnOnce(
          view,
          "member "
              + failed.name
              + " failed and is the only member; it cannot be replaced without losing the data");
      return;
    }
    // Throws when no node can take the replacement: then the failed member stays, and may return.
    provider(view)
        .plan(
            view.cluster(),
            1,
            view.nextOrdinal(),
            Membership.JOINING,
            view.nodes(),
            view.allMembers(),
            view.readySince());
    long answeringAfter = answering.stream().filter(m -> m != failed).count();
    if (answeringAfter <= (view.voters().size() - 1) / 2) {
      warnOnce(view, "removing " + failed.name + " now would lose quorum");
      return;
    }
    retire(view, failed, endpoints);
  }

  /** Plans one new member; it replaces the oldest failed member no one replaced yet, if any. */
  private void join(ClusterView view) {
    Optional<MemberEntity> replaced =
        view
            .members(
                m ->
                    m.membership == Membership.REMOVED
                        && m.failure != null
                        && view.members().stream().noneMatch(n -> m.name.equals(n.replaces)))
            .stream()
            .min(Comparator.comparingInt(m -> m.ordinal));
    MemberEntity member =
        provider(view)
            .plan(
                view.cluster(),
                1,
                view.nextOrdinal(),
                Membership.JOINING,
                view.nodes(),
                view.allMembers(),
                view.readySince())
            .get(0);
    member.replaces = replaced.map(m -> m.name).orElse(null);
    LOG.infof(
        "cluster %s: planning member %s on %s%s",
        member.cluster,
        member.name,
        member.node,
        member.replaces == null ? "" : " to replace " + member.replaces);
    changes.add(member);
  }

  private void shrink(
      ClusterView view,
      List<MemberEntity> voters,
      List<MemberEntity> answering,
      Observed observed) {
    ScaleIn.Candidate choice =
        ScaleIn.choose(
                voters.stream()
                    .map(
                        m ->
                            new ScaleIn.Candidate(
                                m.name,
                                m.ordinal,
                                observed.answering(m),
                                observed.leads(m),
                                !view.onLostNode(m),
                                view.load(m.node)))
                    .toList())
            .orElseThrow();
    MemberEntity victim =
        voters.stream().filter(m -> m.name.equals(choice.name())).findFirst().orElseThrow();
    List<MemberEntity> rest = answering.stream().filter(m -> m != victim).toList();
    if (choice.leader()) {
      MemberEntity next =
          rest.stream()
              .max(Comparator.comparingLong(m -> observed.of(m).raftIndex()))
              .orElseThrow();
      LOG.infof(
          "cluster %s: moving leadership from %s to %s before removing %s",
          victim.cluster, victim.name, next.name, victim.name);
      etcd.moveLeader(victim.clientUrl(), observed.of(next).memberId());
      return;
    }
    if (rest.size() <= (voters.size() - 1) / 2) {
      warnOnce(view, "removing " + victim.name + " now would lose quorum");
      return;
    }
    retire(view, victim, rest.stream().map(MemberEntity::clientUrl).toList());
  }

  /** Removes a member from etcd's membership and stops it; its data goes once it stopped. */
  private void retire(ClusterView view, MemberEntity member, List<String> endpoints) {
    String id =
        member.memberId != null
            ? member.memberId
            : etcd.find(endpoints, member.peerUrl()).orElse(null);
    if (id != null) {
      etcd.remove(endpoints, id);
    }
    MemberState next =
        switch (member.state) {
          case PLANNED -> MemberState.REMOVED;
          case STARTING, RUNNING, EXITED -> MemberState.STOPPING;
          default -> member.state;
        };
    LOG.infof(
        "cluster %s: removed member %s on %s from the membership%s",
        member.cluster,
        member.name,
        member.node,
        member.failure == null ? "" : " (" + member.failure + ")");
    changes.member(
        member,
        m -> {
          m.membership = Membership.REMOVED;
          m.state = next;
          m.role = null;
        },
        () ->
            next == MemberState.STOPPING
                ? provider(view).stop(view.cluster(), member, view.operation())
                : Changes.none());
  }

  private void finishScaling(ClusterView view, Observed observed) {
    ClusterEntity cluster = view.cluster();
    List<MemberEntity> voters = view.voters();
    if (cluster.scalingFrom == null
        || !ClusterHealth.assess(voters.size(), voters.size(), observed.of(voters)).whole()) {
      return;
    }
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

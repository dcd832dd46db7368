package io.orogen.cluster.reconcile;

import static io.orogen.cluster.reconcile.Changes.tx;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.etcd.EtcdProbe;
import io.orogen.cluster.model.ClusterHealth;
import io.orogen.cluster.model.ClusterPhase;
import io.orogen.cluster.model.CrashLoop;
import io.orogen.cluster.model.MemberRestart;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.MemberStatus;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.cluster.provider.MemberProvider;
import io.orogen.cluster.provider.Providers;
import io.orogen.cluster.service.NodeEventClock;
import io.orogen.events.Domain;
import io.orogen.events.Event;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.MembersRestored;
import io.orogen.events.node.InitialClusterState;
import io.orogen.kit.command.Operation;
import io.orogen.kit.lease.Leases;
import io.orogen.kit.work.Requeue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Brings one cluster toward its desired state, one named, idempotent step at a time. It reconciles
 * the whole cluster every time, so it resumes after a crash at any step.
 *
 * <ol>
 *   <li>Only the instance holding the cluster's lease acts on it; the pass reads the cluster, the
 *       nodes and the cluster's members.
 *   <li>For a live cluster: {@code startFoundingMembers} sends {@code StartMember} for the members
 *       a new cluster was created with; {@code restartExitedMembers} restarts in place, always, a
 *       member whose process exited ({@code MemberFailed}; after a back-off once it keeps exiting),
 *       or marks it for re-creation when its data is gone; {@code observeMembers} asks every
 *       running member through jetcd; {@code markLostMembers} marks for replacement a member that
 *       does not answer on a node that sent no heartbeat; {@code restartMembers} moves a member's
 *       restart on another release on (stop, start on its data with the release, {@code
 *       MemberRestarted} once it answers on it and caught up); {@link MembershipSteps} makes at
 *       most one membership change (replace, scale out, scale in); {@code updatePhase} declares the
 *       cluster {@code READY} ({@code ClusterReady}) once it has its voting members, one leader and
 *       every member answers, or {@code DEGRADED} when that stops being true; {@code
 *       removeStoppedData} cleans up after removed members.
 *   <li>For a cluster being deleted: {@code stopMembers}, then {@code removeStoppedData}, then
 *       {@code finishDeletion} ({@code ClusterDeleted}) once every member's data is gone.
 *   <li>For a cluster restored in place: {@code restoreInPlace} stops every voter, then removes
 *       their data once all stopped, then starts them all from the artifact as the founding members
 *       of a new etcd cluster under their own names and peer URLs; from then on the live cluster's
 *       steps run, and {@code updatePhase} says {@code MembersRestored} with {@code ClusterReady}
 *       once it is whole.
 *   <li>It asks to run again after {@code orogen.cluster.reconcile-interval} (sooner when a
 *       restart's back-off ends), and at once when an event or a command concerns the cluster.
 * </ol>
 */
@ApplicationScoped
public class ClusterReconciler {

  private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

  private static final String LEASE_KIND = "cluster";

  private final NodeEventClock clock;
  private final Leases leases;
  private final Changes changes;
  private final EtcdProbe probe;
  private final MembershipSteps membership;
  private final Providers providers;
  private final KubernetesSync kubernetes;
  private final ClusterServiceConfig config;

  ClusterReconciler(
      NodeEventClock clock,
      Leases leases,
      Changes changes,
      EtcdProbe probe,
      MembershipSteps membership,
      Providers providers,
      KubernetesSync kubernetes,
      ClusterServiceConfig config) {
    this.clock = clock;
    this.leases = leases;
    this.changes = changes;
    this.probe = probe;
    this.membership = membership;
    this.providers = providers;
    this.kubernetes = kubernetes;
    this.config = config;
  }

  public Requeue reconcile(String name) {
    Loaded loaded =
        tx(
            () ->
                leases
                    .acquire(LEASE_KIND, name, config.leaseDuration())
                    .flatMap(held -> held ? load(name) : Uni.createFrom().item(Loaded.NOT_HELD)));
    if (loaded == Loaded.GONE) {
      return Requeue.done();
    }
    if (loaded.view() == null) {
      return Requeue.after(config.reconcileInterval()); // another instance holds it, for now
    }
    ClusterView view = loaded.view();
    if (view.cluster().phase == ClusterPhase.DELETING) {
      stopMembers(view);
      syncKubernetes(view);
      removeStoppedData(view);
      if (finishDeletion(view)) {
        return Requeue.done();
      }
    } else if (view.cluster().restoreStage != null) {
      restoreInPlace(view);
    } else {
      startFoundingMembers(view);
      Optional<Instant> nextRestart = restartExitedMembers(view);
      syncKubernetes(view);
      Observed observed = observeMembers(view);
      markLostMembers(view, observed);
      restartMembers(view, observed);
      membership.step(view, observed);
      updatePhase(view, observed);
      removeStoppedData(view);
      if (nextRestart.isPresent()) {
        Duration wait = Duration.between(Instant.now(), nextRestart.get());
        if (wait.compareTo(config.reconcileInterval()) < 0) {
          return Requeue.after(wait.isNegative() ? Duration.ZERO : wait);
        }
      }
    }
    return Requeue.after(config.reconcileInterval());
  }

  /** What a pass starts from: the cluster's view, or why there is none. */
  private record Loaded(ClusterView view) {
    static final Loaded GONE = new Loaded(null);
    static final Loaded NOT_HELD = new Loaded(null);
  }

  /** On Kubernetes: make the Pods and claims match the members' states, and read them back. */
  private void syncKubernetes(ClusterView view) {
    if (view.onKubernetes()) {
      kubernetes.sync(view);
    }
  }

  /**
   * The cluster, the nodes and the cluster's own members; every other cluster's members (for node
   * load and free ports) only when a step needs them. One session runs one query at a time.
   */
  private Uni<Loaded> load(String name) {
    NodeReadiness readiness = NodeReadiness.at(clock.now(), config.nodeTimeout());
    return ClusterEntity.<ClusterEntity>findById(name)
        .flatMap(
            cluster ->
                cluster == null
                    ? Uni.createFrom().item(Loaded.GONE)
                    : NodeEntity.<NodeEntity>listAll()
                        .flatMap(
                            nodes ->
                                MemberEntity.<MemberEntity>list(
                                        "cluster = ?1 order by ordinal", name)
                                    .map(
                                        members ->
                                            new Loaded(
                                                new ClusterView(
                                                    cluster,
                                                    members,
                                                    nodes,
                                                    ClusterView.memoized(
                                                        () ->
                                                            tx(
                                                                () ->
                                                                    MemberEntity
                                                                        .<MemberEntity>listAll())),
                                                    readiness)))));
  }

  private void startFoundingMembers(ClusterView view) {
    List<MemberEntity> planned =
        view.members(m -> m.state == MemberState.PLANNED && m.membership == Membership.VOTER);
    if (planned.isEmpty()) {
      return;
    }
    Map<String, String> initialCluster = initialCluster(view);
    for (MemberEntity member : planned) {
      LOG.infof(
          "cluster %s: starting member %s on %s (correlation %s)",
          view.cluster().name, member.name, member.node, view.cluster().operationId);
      changes.member(
          member,
          m -> m.state = MemberState.STARTING,
          () -> provider(view).start(view.cluster(), member, initialCluster, view.operation()));
    }
  }

  /**
   * One stage of a restore in place per pass (each idempotent, so a successor resumes it): {@code
   * STOPPING} stops every voter and moves on once all are stopped, removing their data; {@code
   * REMOVING} waits until all data is gone, then starts every voter from the artifact at once, all
   * of them founding members again, so no member of the old data can join the new cluster.
   */
  private void restoreInPlace(ClusterView view) {
    ClusterEntity cluster = view.cluster();
    List<MemberEntity> voters = view.voters();
    Set<MemberState> live = Set.of(MemberState.STARTING, MemberState.RUNNING, MemberState.EXITED);
    if ("STOPPING".equals(cluster.restoreStage)) {
      // A replacement planned for a failed member is dropped: the failed one is restored.
      for (MemberEntity member : view.members(m -> m.membership == Membership.JOINING)) {
        if (member.state == MemberState.PLANNED) {
          changes.member(
              member,
              m -> {
                m.state = MemberState.REMOVED;
                m.membership = Membership.REMOVED;
              },
              Changes::none);
        }
      }
      for (MemberEntity member : voters) {
        if (live.contains(member.state)) {
          changes.member(
              member,
              m -> m.state = MemberState.STOPPING,
              () -> provider(view).stop(cluster, member, view.operation()));
        }
      }
      if (voters.stream().allMatch(m -> m.state == MemberState.STOPPED)) {
        LOG.infof(
            "cluster %s: every member stopped; replacing their data from backup %s",
            cluster.name, cluster.restoreBackupId);
        for (MemberEntity member : voters) {
          changes.member(
              member,
              m -> m.state = MemberState.REMOVING,
              () -> provider(view).removeData(cluster, member, view.operation()));
        }
        changes.cluster(
            cluster,
            c -> "STOPPING".equals(c.restoreStage),
            c -> c.restoreStage = "REMOVING",
            Changes::none);
      }
    } else if ("REMOVING".equals(cluster.restoreStage)
        && voters.stream().allMatch(m -> m.state == MemberState.REMOVED)) {
      Map<String, String> initialCluster = initialCluster(view);
      LOG.infof(
          "cluster %s: starting %d members from backup %s (correlation %s)",
          cluster.name, voters.size(), cluster.restoreBackupId, cluster.operationId);
      for (MemberEntity member : voters) {
        member.initialState = InitialClusterState.NEW;
        changes.member(
            member,
            m -> {
              m.state = MemberState.STARTING;
              m.initialState = InitialClusterState.NEW;
              m.restartAt = null;
              m.unansweredExits = 0;
              m.dataLost = false;
              m.failure = null;
            },
            () -> provider(view).start(cluster, member, initialCluster, view.operation()));
      }
      changes.cluster(
          cluster,
          c -> "REMOVING".equals(c.restoreStage),
          c -> c.restoreStage = null,
          Changes::none);
    }
  }

  /**
   * Restarts in place, on its data, every member whose process exited: always, and all at once when
   * several did (a restart is no membership change and needs no quorum); from the {@code
   * restart-back-off-after}-th exit within the window on, after a back-off. A member whose node
   * says its data is gone is marked for re-creation instead ({@code MemberFailed} DataLost).
   *
   * @return when the next waiting restart is due, if one waits
   */
  private Optional<Instant> restartExitedMembers(ClusterView view) {
    Instant now = Instant.now();
    Optional<Instant> next = Optional.empty();
    for (MemberEntity member :
        view.members(
            m ->
                m.state == MemberState.EXITED
                    && m.inMembership()
                    && m.failure == null
                    && !MemberRestart.Stage.STOPPING.name().equals(m.restartStage))) {
      if (member.dataLost) {
        String message =
            "the member's data on node "
                + member.node
                + " is gone or unusable; it is re-created from the others"
                + (view.voters().size() > 1 ? "" : ", which a one-member cluster does not have");
        LOG.warnf("cluster %s: member %s: %s", member.cluster, member.name, message);
        changes.member(
            member,
            m -> m.failure = MemberFailure.DATA_LOST,
            () ->
                changes.send(
                    Domain.CLUSTER,
                    new MemberFailed(
                        member.cluster, member.name, member.node, MemberFailure.DATA_LOST, message),
                    Operation.start()));
        continue;
      }
      if (member.restartAt == null) {
        noticeExit(member, now);
      }
      if (member.restartAt != null && member.restartAt.isAfter(now)) {
        next = earliest(next, member.restartAt);
        continue;
      }
      LOG.infof(
          "cluster %s: restarting member %s in place on %s",
          member.cluster, member.name, member.node);
      Map<String, String> initialCluster = initialCluster(view);
      changes.member(
          member,
          m -> {
            m.state = MemberState.STARTING;
            m.restartAt = null;
          },
          () -> provider(view).start(view.cluster(), member, initialCluster, view.operation()));
    }
    return next;
  }

  /** Counts a member's exit and reports it ({@code MemberFailed}) with its restart's back-off. */
  private void noticeExit(MemberEntity member, Instant now) {
    CrashLoop loop =
        new CrashLoop(member.failures, member.failuresSince).exited(now, config.crashLoopWindow());
    int inARow = member.unansweredExits + 1;
    Duration backOff =
        CrashLoop.backOff(
            inARow,
            config.restartBackOffAfter(),
            config.restartBackOffFirst(),
            config.restartBackOffMax());
    boolean looping = loop.looping(config.crashLoopExits());
    String message =
        "the member's process exited"
            + (loop.exits() > 1
                ? " (" + loop.exits() + " times within " + minutes(config.crashLoopWindow()) + ")"
                : "")
            + "; restarting it in place on its data"
            + (backOff.isZero()
                ? ""
                : " in "
                    + backOff.toSeconds()
                    + " s (it exited "
                    + inARow
                    + " times in a row without answering)");
    LOG.warnf("cluster %s: member %s on %s: %s", member.cluster, member.name, member.node, message);
    changes.member(
        member,
        m -> {
          m.failures = loop.exits();
          m.failuresSince = loop.since();
          m.unansweredExits = inARow;
          m.restartAt = now.plus(backOff);
        },
        () ->
            changes.send(
                Domain.CLUSTER,
                new MemberFailed(
                    member.cluster,
                    member.name,
                    member.node,
                    looping ? MemberFailure.CRASH_LOOPING : MemberFailure.PROCESS_EXITED,
                    message,
                    null,
                    loop.exits(),
                    backOff.toMillis()),
                Operation.start()));
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Instant b) {
    return a.isPresent() && a.get().isBefore(b) ? a : Optional.of(b);
  }

  private static String minutes(Duration window) {
    return window.toMinutes() + " min";
  }

  private Observed observeMembers(ClusterView view) {
    List<MemberEntity> running =
        view.members(m -> m.state == MemberState.RUNNING && m.inMembership());
    if (running.isEmpty()) {
      return new Observed(Map.of());
    }
    List<MemberStatus> statuses =
        probe.observe(view.cluster().name, running.stream().map(MemberEntity::clientUrl).toList());
    Map<String, MemberStatus> byMember = new HashMap<>();
    for (int i = 0; i < running.size(); i++) {
      byMember.put(running.get(i).name, statuses.get(i));
    }
    tx(
        () ->
            MemberEntity.<MemberEntity>list("cluster = ?1", view.cluster().name)
                .invoke(
                    members -> {
                      for (MemberEntity member : members) {
                        MemberStatus status = byMember.get(member.name);
                        if (status != null) {
                          record(member, status);
                        }
                      }
                    }));
    return new Observed(byMember);
  }

  /**
   * Marks for replacement a member that does not answer on a node that stopped sending heartbeats;
   * clears the mark when the node or the member is back before the replacement began.
   */
  private void markLostMembers(ClusterView view, Observed observed) {
    Set<MemberState> placed = Set.of(MemberState.STARTING, MemberState.RUNNING, MemberState.EXITED);
    for (MemberEntity member : view.members(MemberEntity::inMembership)) {
      boolean lost = view.onLostNode(member) && !observed.answering(member);
      if (member.failure == null && lost && placed.contains(member.state)) {
        String message =
            "node "
                + member.node
                + " sent no heartbeat for "
                + config.nodeTimeout().toSeconds()
                + " s and the member does not answer; replacing it on another node";
        LOG.warnf("cluster %s: member %s: %s", member.cluster, member.name, message);
        changes.member(
            member,
            m -> m.failure = MemberFailure.NODE_LOST,
            () ->
                changes.send(
                    Domain.CLUSTER,
                    failed(member, MemberFailure.NODE_LOST, message),
                    Operation.start()));
      } else if (member.failure == MemberFailure.NODE_LOST && !lost) {
        LOG.infof(
            "cluster %s: node %s of member %s is back; it is not replaced",
            member.cluster, member.node, member.name);
        changes.member(member, m -> m.failure = null, Changes::none);
      }
    }
  }

  private void updatePhase(ClusterView view, Observed observed) {
    ClusterEntity cluster = view.cluster();
    List<MemberEntity> voters = view.voters();
    // While scaling, the cluster is whole when the voters it has now are; otherwise it needs all.
    int expected = cluster.scalingFrom != null ? voters.size() : cluster.size;
    ClusterHealth health = ClusterHealth.assess(expected, voters.size(), observed.of(voters));
    List<ClusterMember> members = view.clusterMembers(observed);
    if (health.whole() && cluster.phase == ClusterPhase.RESTORING) {
      LOG.infof(
          "cluster %s is restored from backup %s (correlation %s)",
          cluster.name, cluster.restoreBackupId, cluster.operationId);
      changes.cluster(
          cluster,
          current -> current.phase == ClusterPhase.RESTORING && current.restoreStage == null,
          current -> current.phase = ClusterPhase.READY,
          () ->
              changes
                  .send(
                      Domain.CLUSTER,
                      new MembersRestored(
                          cluster.name,
                          cluster.restoreBackupId,
                          cluster.restoreRevision,
                          view.endpoints()),
                      view.operation())
                  .chain(
                      () ->
                          changes.send(
                              Domain.CLUSTER,
                              new ClusterReady(
                                  cluster.name,
                                  cluster.version,
                                  voters.size(),
                                  view.endpoints(),
                                  members),
                              view.operation())));
    } else if (health.whole() && cluster.phase != ClusterPhase.READY) {
      LOG.infof("cluster %s is ready (correlation %s)", cluster.name, cluster.operationId);
      changePhase(
          cluster,
          ClusterPhase.READY,
          new ClusterReady(cluster.name, cluster.version, voters.size(), view.endpoints(), members),
          view.operation());
    } else if (!health.whole() && cluster.phase == ClusterPhase.READY) {
      LOG.warnf("cluster %s is degraded: %s", cluster.name, health.summary());
      changePhase(
          cluster,
          ClusterPhase.DEGRADED,
          new ClusterDegraded(
              cluster.name,
              health.reason(),
              health.summary(),
              health.healthy(),
              cluster.size,
              members),
          Operation.start());
    }
  }

  /**
   * Moves the cluster from the phase this pass saw to {@code phase} and appends {@code event}, in
   * one transaction; nothing happens when the phase changed meanwhile (a delete, say).
   */
  private void changePhase(ClusterEntity seen, ClusterPhase phase, Event event, Operation op) {
    changes.cluster(
        seen,
        current -> current.phase == seen.phase,
        current -> {
          current.phase = phase;
          if (phase == ClusterPhase.READY && current.readyAt == null) {
            current.readyAt = Instant.now();
          }
        },
        () -> changes.send(Domain.CLUSTER, event, op));
  }

  private void stopMembers(ClusterView view) {
    for (MemberEntity member : view.members()) {
      if (member.state == MemberState.PLANNED) {
        changes.member(member, m -> m.state = MemberState.REMOVED, Changes::none);
      } else if (List.of(MemberState.STARTING, MemberState.RUNNING, MemberState.EXITED)
          .contains(member.state)) {
        changes.member(
            member,
            m -> m.state = MemberState.STOPPING,
            () -> provider(view).stop(view.cluster(), member, view.operation()));
      }
    }
  }

  /**
   * Moves each member's restart on a release ({@code RestartMember}) on by one step: stop it, start
   * it on the release on its own data once it stopped, and say {@code MemberRestarted} once it
   * answers on the release and caught up with the leader; the cluster's release becomes the oldest
   * its voters run.
   */
  private void restartMembers(ClusterView view, Observed observed) {
    List<MemberEntity> restarting = view.members(m -> m.restartStage != null);
    if (restarting.isEmpty()) {
      return;
    }
    Long leaderIndex =
        view.voters().stream()
            .filter(observed::leads)
            .map(m -> observed.of(m).raftIndex())
            .findFirst()
            .orElse(null);
    ClusterEntity cluster = view.cluster();
    for (MemberEntity member : restarting) {
      MemberRestart.Stage stage = MemberRestart.Stage.valueOf(member.restartStage);
      MemberRestart.Step step =
          MemberRestart.next(stage, member.state, observed.of(member), member.version, leaderIndex);
      if (step instanceof MemberRestart.Stop) {
        LOG.infof(
            "cluster %s: stopping member %s to restart it on etcd %s",
            cluster.name, member.name, member.version);
        changes.member(
            member,
            sameRestart(member),
            m -> m.state = MemberState.STOPPING,
            () -> provider(view).stop(cluster, member, view.operation()));
      } else if (step instanceof MemberRestart.Start) {
        LOG.infof(
            "cluster %s: starting member %s on etcd %s on its data",
            cluster.name, member.name, member.version);
        Map<String, String> initialCluster = initialCluster(view);
        changes.member(
            member,
            sameRestart(member),
            m -> {
              m.state = MemberState.STARTING;
              m.restartStage = MemberRestart.Stage.STARTING.name();
              m.restartAt = null;
              m.unansweredExits = 0;
            },
            () -> provider(view).start(cluster, member, initialCluster, view.operation()));
      } else if (step instanceof MemberRestart.Done) {
        finishRestart(view, member);
      } else if (step instanceof MemberRestart.Wait wait) {
        LOG.debugf("cluster %s: member %s restart: %s", cluster.name, member.name, wait.why());
      }
    }
  }

  /** The member is as the pass saw it, and so is the restart asked of it. */
  private static Predicate<MemberEntity> sameRestart(MemberEntity seen) {
    return current ->
        current.state == seen.state
            && current.membership == seen.membership
            && Objects.equals(current.restartStage, seen.restartStage)
            && Objects.equals(current.version, seen.version);
  }

  private void finishRestart(ClusterView view, MemberEntity member) {
    ClusterEntity cluster = view.cluster();
    String clusterVersion =
        MemberRestart.clusterVersion(
                view.voters().stream().map(m -> m == member ? member.version : m.version).toList())
            .orElse(cluster.version);
    long millis =
        member.restartAskedAt == null
            ? 0
            : Duration.between(member.restartAskedAt, Instant.now()).toMillis();
    String from = member.restartFrom;
    String to = member.version;
    LOG.infof(
        "cluster %s: member %s runs etcd %s (was %s) after %d ms; the cluster runs %s",
        cluster.name, member.name, to, from, millis, clusterVersion);
    boolean made =
        changes.member(
            member,
            sameRestart(member),
            m -> {
              m.restartStage = null;
              m.restartFrom = null;
              m.restartAskedAt = null;
            },
            () ->
                ClusterEntity.<ClusterEntity>findById(cluster.name)
                    .invoke(c -> c.version = clusterVersion)
                    .chain(
                        () ->
                            changes.send(
                                Domain.CLUSTER,
                                new MemberRestarted(
                                    cluster.name,
                                    member.name,
                                    member.node,
                                    from,
                                    to,
                                    clusterVersion,
                                    millis),
                                view.operation())));
    if (made) {
      cluster.version = clusterVersion;
    }
  }

  /**
   * Removes the data of members stopped for good: all of a deleted cluster, or removed ones; not of
   * a member stopped to be restarted on another release.
   */
  private void removeStoppedData(ClusterView view) {
    boolean deleting = view.cluster().phase == ClusterPhase.DELETING;
    for (MemberEntity member :
        view.members(m -> m.state == MemberState.STOPPED && (deleting || m.restartStage == null))) {
      changes.member(
          member,
          m -> m.state = MemberState.REMOVING,
          () -> provider(view).removeData(view.cluster(), member, view.operation()));
    }
  }

  /**
   * Done once every member's data is gone. A member on a node that sends no heartbeats is not
   * waited for: its stop and removal wait in the node's command topic until its agent is back.
   */
  private boolean finishDeletion(ClusterView view) {
    boolean allGone =
        tx(() -> MemberEntity.<MemberEntity>list("cluster = ?1", view.cluster().name)).stream()
            .allMatch(m -> m.state == MemberState.REMOVED || view.onLostNode(m));
    if (!allGone) {
      return false;
    }
    provider(view).teardown(view.cluster().name);
    LOG.infof(
        "cluster %s deleted (correlation %s)", view.cluster().name, view.cluster().operationId);
    tx(
        () ->
            MemberEntity.delete("cluster = ?1", view.cluster().name)
                .chain(() -> ClusterEntity.deleteById(view.cluster().name))
                .chain(() -> leases.forget(LEASE_KIND, view.cluster().name))
                .chain(
                    () ->
                        changes.send(
                            Domain.CLUSTER,
                            new ClusterDeleted(view.cluster().name),
                            view.operation())));
    probe.forget(view.cluster().name);
    membership.forget(view.cluster().name);
    changes.wake();
    return true;
  }

  /** The members in etcd's membership, name to peer URL: a starting member's --initial-cluster. */
  static Map<String, String> initialCluster(ClusterView view) {
    Map<String, String> initialCluster = new LinkedHashMap<>();
    view.members(MemberEntity::inMembership).forEach(m -> initialCluster.put(m.name, m.peerUrl()));
    return initialCluster;
  }

  private MemberProvider provider(ClusterView view) {
    return providers.of(view.cluster().provider);
  }

  private static MemberFailed failed(MemberEntity member, MemberFailure failure, String message) {
    return new MemberFailed(member.cluster, member.name, member.node, failure, message);
  }

  private static void record(MemberEntity member, MemberStatus status) {
    member.role = member.membership == Membership.LEARNER ? MemberRole.LEARNER : status.role();
    if (status.reachable()) {
      member.memberId = status.memberId();
      member.raftIndex = status.raftIndex();
      member.dbSize = status.dbSize();
      member.runningVersion = status.version();
      member.unansweredExits = 0; // it answers: its next exit is restarted at once
    }
  }
}

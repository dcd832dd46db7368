package io.orogen.cluster.reconcile;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.etcd.EtcdProbe;
import io.orogen.cluster.messaging.OutboxRelay;
import io.orogen.cluster.model.ClusterHealth;
import io.orogen.cluster.model.ClusterPhase;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.MemberStatus;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.Transactions;
import io.orogen.cluster.service.Operation;
import io.orogen.cluster.service.Outbox;
import io.orogen.events.Domain;
import io.orogen.events.Event;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.node.InitialClusterState;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Brings one cluster toward its desired state, one named, idempotent step at a time. It reconciles
 * the whole cluster every time, so it resumes after a crash at any step.
 *
 * <ol>
 *   <li>{@code acquireLease}: only the instance holding the cluster's lease acts on it.
 *   <li>For a live cluster: {@code startPlannedMembers} sends {@code StartMember} for placed
 *       members; {@code restartExitedMembers} restarts in place a member whose process exited
 *       ({@code MemberFailed}); {@code observeMembers} asks every running member through jetcd and
 *       records role, id, raft index and db size; {@code updatePhase} declares the cluster {@code
 *       READY} (with {@code ClusterReady}) once there is one leader and every member answers, or
 *       {@code DEGRADED} when that stops being true.
 *   <li>For a cluster being deleted: {@code stopMembers}, then {@code removeStoppedData}, then
 *       {@code finishDeletion} ({@code ClusterDeleted}) once every member's data is gone.
 * </ol>
 */
@ApplicationScoped
public class ClusterReconciler {

  private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

  private final String instance = UUID.randomUUID().toString();
  private final Outbox outbox;
  private final EtcdProbe probe;
  private final OutboxRelay relay;
  private final ClusterServiceConfig config;

  public ClusterReconciler(
      Outbox outbox, EtcdProbe probe, OutboxRelay relay, ClusterServiceConfig config) {
    this.outbox = outbox;
    this.probe = probe;
    this.relay = relay;
    this.config = config;
  }

  /** The cluster and its members as loaded at the start of a pass. */
  record ClusterView(ClusterEntity cluster, List<MemberEntity> members) {
    Operation operation() {
      return new Operation(cluster.operationId, null);
    }
  }

  public void reconcile(String name) {
    ClusterView view = tx(() -> acquireLease(name).flatMap(held -> held ? load(name) : nothing()));
    if (view == null) {
      return;
    }
    if (view.cluster().phase == ClusterPhase.DELETING) {
      stopMembers(view);
      removeStoppedData(view);
      finishDeletion(view);
    } else {
      startPlannedMembers(view);
      restartExitedMembers(view);
      List<MemberStatus> statuses = observeMembers(view);
      updatePhase(view, statuses);
    }
  }

  private Uni<Boolean> acquireLease(String name) {
    Instant now = Instant.now();
    return ClusterEntity.update(
            "leaseOwner = ?1, leaseUntil = ?2 where name = ?3"
                + " and (leaseOwner is null or leaseOwner = ?1 or leaseUntil < ?4)",
            instance,
            now.plus(config.leaseDuration()),
            name,
            now)
        .map(updated -> updated == 1);
  }

  private Uni<ClusterView> load(String name) {
    return ClusterEntity.<ClusterEntity>findById(name)
        .flatMap(
            cluster ->
                cluster == null
                    ? nothing()
                    : MemberEntity.<MemberEntity>list("cluster = ?1 order by name", name)
                        .map(members -> new ClusterView(cluster, members)));
  }

  private void startPlannedMembers(ClusterView view) {
    List<MemberEntity> planned = inState(view, MemberState.PLANNED);
    if (planned.isEmpty()) {
      return;
    }
    Map<String, String> initialCluster = new LinkedHashMap<>();
    view.members().stream()
        .filter(m -> m.state != MemberState.REMOVED)
        .forEach(m -> initialCluster.put(m.name, m.peerUrl()));
    for (MemberEntity member : planned) {
      LOG.infof(
          "cluster %s: starting member %s on %s (correlation %s)",
          view.cluster().name, member.name, member.node, view.cluster().operationId);
      transition(
          member,
          MemberState.STARTING,
          () ->
              outbox.append(
                  Domain.NODE, startMember(view, member, initialCluster), view.operation()));
    }
  }

  private void restartExitedMembers(ClusterView view) {
    for (MemberEntity member : inState(view, MemberState.EXITED)) {
      LOG.warnf(
          "cluster %s: member %s on %s exited; restarting it in place",
          view.cluster().name, member.name, member.node);
      Map<String, String> initialCluster = new LinkedHashMap<>();
      view.members().forEach(m -> initialCluster.put(m.name, m.peerUrl()));
      Operation op = Operation.start();
      transition(
          member,
          MemberState.STARTING,
          () ->
              outbox
                  .append(
                      Domain.CLUSTER,
                      new MemberFailed(
                          view.cluster().name,
                          member.name,
                          member.node,
                          MemberFailure.PROCESS_EXITED,
                          "the member's process exited; restarting it in place on its data",
                          null),
                      op)
                  .chain(
                      () ->
                          outbox.append(
                              Domain.NODE, startMember(view, member, initialCluster), op)));
    }
  }

  private List<MemberStatus> observeMembers(ClusterView view) {
    List<MemberEntity> running = inState(view, MemberState.RUNNING);
    if (running.isEmpty()) {
      return List.of();
    }
    List<MemberStatus> statuses =
        probe.observe(view.cluster().name, running.stream().map(MemberEntity::clientUrl).toList());
    tx(
        () ->
            MemberEntity.<MemberEntity>list("cluster = ?1", view.cluster().name)
                .invoke(
                    members -> {
                      for (MemberEntity member : members) {
                        statuses.stream()
                            .filter(s -> s.clientUrl().equals(member.clientUrl()))
                            .findFirst()
                            .ifPresent(s -> record(member, s));
                      }
                    }));
    return statuses;
  }

  private void updatePhase(ClusterView view, List<MemberStatus> statuses) {
    ClusterEntity cluster = view.cluster();
    ClusterHealth health = ClusterHealth.assess(cluster.size, statuses);
    List<ClusterMember> members = members(view, statuses);
    if (health.whole() && cluster.phase != ClusterPhase.READY) {
      LOG.infof("cluster %s is ready (correlation %s)", cluster.name, cluster.operationId);
      changePhase(
          cluster,
          ClusterPhase.READY,
          new ClusterReady(
              cluster.name,
              cluster.version,
              cluster.size,
              members.stream().map(ClusterMember::clientUrl).toList(),
              members),
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
    tx(
        () ->
            ClusterEntity.<ClusterEntity>findById(seen.name)
                .flatMap(
                    current -> {
                      if (current == null || current.phase != seen.phase) {
                        return Uni.createFrom().voidItem();
                      }
                      current.phase = phase;
                      current.updatedAt = Instant.now();
                      if (phase == ClusterPhase.READY && current.readyAt == null) {
                        current.readyAt = current.updatedAt;
                      }
                      return outbox.append(Domain.CLUSTER, event, op);
                    }));
    relay.wake();
  }

  private void stopMembers(ClusterView view) {
    for (MemberEntity member : view.members()) {
      if (member.state == MemberState.PLANNED) {
        transition(member, MemberState.REMOVED, () -> Uni.createFrom().voidItem());
      } else if (List.of(MemberState.STARTING, MemberState.RUNNING, MemberState.EXITED)
          .contains(member.state)) {
        transition(
            member,
            MemberState.STOPPING,
            () ->
                outbox.append(
                    Domain.NODE,
                    new StopMember(member.node, member.cluster, member.name),
                    view.operation()));
      }
    }
  }

  private void removeStoppedData(ClusterView view) {
    for (MemberEntity member : inState(view, MemberState.STOPPED)) {
      transition(
          member,
          MemberState.REMOVING,
          () ->
              outbox.append(
                  Domain.NODE,
                  new RemoveMemberData(member.node, member.cluster, member.name),
                  view.operation()));
    }
  }

  private void finishDeletion(ClusterView view) {
    boolean allRemoved =
        tx(
            () ->
                MemberEntity.count(
                        "cluster = ?1 and state <> ?2", view.cluster().name, MemberState.REMOVED)
                    .map(left -> left == 0));
    if (!allRemoved) {
      return;
    }
    LOG.infof(
        "cluster %s deleted (correlation %s)", view.cluster().name, view.cluster().operationId);
    tx(
        () ->
            MemberEntity.delete("cluster = ?1", view.cluster().name)
                .chain(() -> ClusterEntity.deleteById(view.cluster().name))
                .chain(
                    () ->
                        outbox.append(
                            Domain.CLUSTER,
                            new ClusterDeleted(view.cluster().name),
                            view.operation())));
    probe.forget(view.cluster().name);
    relay.wake();
  }

  private StartMember startMember(
      ClusterView view, MemberEntity member, Map<String, String> initialCluster) {
    return new StartMember(
        member.node,
        member.cluster,
        member.name,
        view.cluster().version,
        view.cluster().token,
        initialCluster,
        "existing".equals(member.initialState)
            ? InitialClusterState.EXISTING
            : InitialClusterState.NEW,
        member.peerPort,
        member.clientPort);
  }

  /** Moves a member to {@code state} and appends what that takes, in one transaction. */
  private void transition(MemberEntity member, MemberState state, Supplier<Uni<Void>> effects) {
    LOG.debugf("cluster %s: member %s %s -> %s", member.cluster, member.name, member.state, state);
    tx(
        () ->
            MemberEntity.<MemberEntity>findById(member.id)
                .flatMap(
                    current -> {
                      if (current == null || current.state != member.state) {
                        return Uni.createFrom().voidItem(); // changed meanwhile; next pass
                      }
                      current.state = state;
                      current.updatedAt = Instant.now();
                      return effects.get();
                    }));
    member.state = state;
    relay.wake();
  }

  private static void record(MemberEntity member, MemberStatus status) {
    member.role = status.role().name().toLowerCase();
    if (status.reachable()) {
      member.memberId = status.memberId();
      member.raftIndex = status.raftIndex();
      member.dbSize = status.dbSize();
      member.runningVersion = status.version();
    }
  }

  private static List<ClusterMember> members(ClusterView view, List<MemberStatus> statuses) {
    return view.members().stream()
        .filter(m -> m.state != MemberState.REMOVED)
        .map(
            m -> {
              MemberStatus status =
                  statuses.stream()
                      .filter(s -> s.clientUrl().equals(m.clientUrl()))
                      .findFirst()
                      .orElse(MemberStatus.unreachable(m.clientUrl()));
              return new ClusterMember(
                  m.name,
                  m.node,
                  status.memberId(),
                  m.peerUrl(),
                  m.clientUrl(),
                  status.role(),
                  status.version());
            })
        .toList();
  }

  private static List<MemberEntity> inState(ClusterView view, MemberState state) {
    return view.members().stream().filter(m -> m.state == state).toList();
  }

  private static <T> Uni<T> nothing() {
    return Uni.createFrom().nullItem();
  }

  private static <T> T tx(Supplier<Uni<T>> work) {
    return Transactions.await(work);
  }
}

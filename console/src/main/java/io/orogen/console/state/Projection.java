package io.orogen.console.state;

import io.orogen.events.EtcdVersion;
import io.orogen.events.Payload;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.DegradedReason;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The console's picture of clusters and nodes, folded from their events in order (event-carried
 * state): it needs no service to be up.
 */
@ApplicationScoped
public class Projection {

  private static final int HISTORY = 200;

  private final Map<String, ClusterState> clusters = new TreeMap<>();
  private final Map<String, NodeState> nodes = new TreeMap<>();

  public synchronized void apply(FeedEvent event) {
    Payload data = event.data();
    String cluster = event.cluster();
    if (cluster != null
        && !(data instanceof ClusterAccepted)
        && !(data instanceof ClusterDeleted)) {
      ClusterState state = clusters.get(cluster);
      if (state != null) {
        remember(state, event);
      }
    }
    if (data instanceof ClusterAccepted accepted) {
      ClusterState state = new ClusterState(accepted.cluster());
      state.provider =
          accepted.provider() == null ? "agents" : accepted.provider().name().toLowerCase();
      state.version = accepted.version();
      state.size = accepted.size();
      state.phase = ClusterState.Phase.PROVISIONING;
      state.message = "members are being started";
      state.updatedAt = event.time();
      clusters.put(accepted.cluster(), state);
      remember(state, event);
      notifyAll();
    } else if (data instanceof ClusterReady ready) {
      update(
          ready.cluster(),
          event,
          state -> {
            state.phase = ClusterState.Phase.READY;
            state.message = "every member answers and follows one leader";
            state.members = ready.members();
            state.endpoints = ready.endpoints();
            state.version = ready.version();
          });
    } else if (data instanceof ClusterDegraded degraded) {
      update(
          degraded.cluster(),
          event,
          state -> {
            state.phase =
                degraded.reason() == DegradedReason.QUORUM_LOST
                    ? ClusterState.Phase.QUORUM_LOST
                    : ClusterState.Phase.DEGRADED;
            state.message = degraded.message();
            state.members = degraded.members();
          });
    } else if (data instanceof MemberFailed failed) {
      update(
          failed.cluster(), event, state -> state.failures.put(failed.member(), failed.message()));
    } else if (data instanceof MemberReplaced replaced) {
      update(
          replaced.cluster(),
          event,
          state -> {
            List<ClusterMember> members = new ArrayList<>();
            state.members.stream()
                .filter(m -> !m.name().equals(replaced.replacedMember()))
                .forEach(members::add);
            members.add(replaced.member());
            members.sort(Comparator.comparing(ClusterMember::name));
            state.members = members;
            state.endpoints = replaced.endpoints();
            state.failures.remove(replaced.replacedMember());
          });
    } else if (data instanceof ClusterScaled scaled) {
      update(
          scaled.cluster(),
          event,
          state -> {
            state.size = scaled.size();
            state.members = scaled.members();
            state.endpoints = scaled.endpoints();
            state.phase = ClusterState.Phase.READY;
            state.message =
                "scaled from " + scaled.previousSize() + " to " + scaled.size() + " members";
          });
    } else if (data instanceof io.orogen.events.backup.RestoreStarted restore
        && restore.inPlace()
        && clusters.containsKey(restore.cluster())) {
      ClusterState state = clusters.get(restore.cluster());
      state.phase = ClusterState.Phase.RESTORING;
      state.message =
          "rolling back to backup "
              + restore.backupId()
              + (restore.revision() != null ? " (revision " + restore.revision() + ")" : "");
    } else if (data instanceof ClusterDeleted deleted) {
      clusters.remove(deleted.cluster());
    } else if (data instanceof NodeRegistered registered) {
      nodes.put(
          registered.node(),
          new NodeState(
              registered.node(),
              registered.address(),
              registered.labels(),
              registered.etcdVersions(),
              registered.capacity() == null ? 0 : registered.capacity().maxMembers(),
              registered.bootId(),
              registered.agentVersion(),
              event.time(),
              List.of()));
    } else if (data instanceof NodeHeartbeat heartbeat) {
      NodeState node = nodes.get(heartbeat.node());
      if (node != null) {
        nodes.put(
            heartbeat.node(),
            node.withHeartbeat(event.time(), heartbeat.bootId(), heartbeat.members()));
      }
    }
  }

  /** Marks a cluster as being deleted, until its ClusterDeleted arrives. */
  public synchronized void deleting(String name) {
    ClusterState state = clusters.get(name);
    if (state != null) {
      state.phase = ClusterState.Phase.DELETING;
      state.message = "members are being stopped and their data removed";
    }
  }

  /** Marks a cluster as being scaled, until its ClusterScaled arrives. */
  public synchronized void scaling(String name, int size) {
    ClusterState state = clusters.get(name);
    if (state != null) {
      state.phase = ClusterState.Phase.SCALING;
      state.message = "scaling to " + size + " members, one at a time";
    }
  }

  /**
   * Waits up to {@code timeout} for a cluster's first event: a page opened right after a create
   * should find the cluster.
   */
  public synchronized boolean awaitCluster(String name, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!clusters.containsKey(name)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public synchronized List<ClusterState> clusters() {
    return List.copyOf(clusters.values());
  }

  public synchronized Optional<ClusterState> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public synchronized List<NodeState> nodes() {
    return List.copyOf(nodes.values());
  }

  /** The etcd releases the ready nodes can run, newest first. */
  public synchronized List<String> versions() {
    return EtcdVersion.newestFirst(
        nodes.values().stream()
            .filter(NodeState::ready)
            .flatMap(n -> n.etcdVersions().stream())
            .toList());
  }

  private void update(
      String cluster, FeedEvent event, java.util.function.Consumer<ClusterState> change) {
    ClusterState state = clusters.get(cluster);
    if (state != null) {
      change.accept(state);
      state.updatedAt = event.time();
    }
  }

  private static void remember(ClusterState state, FeedEvent event) {
    if (state.history.stream().noneMatch(e -> e.seq() == event.seq())) {
      state.history.addFirst(event);
      while (state.history.size() > HISTORY) {
        state.history.removeLast();
      }
    }
  }
}

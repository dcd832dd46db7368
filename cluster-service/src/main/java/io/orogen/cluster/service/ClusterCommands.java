package io.orogen.cluster.service;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.model.ClusterPhase;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.NodeCandidate;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.model.PortPicker;
import io.orogen.cluster.model.Versions;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.Provider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cluster commands, shared by the REST API and the Kafka consumer. Each method runs inside the
 * caller's transaction: the state change and its events commit together.
 */
@ApplicationScoped
public class ClusterCommands {

  private final Outbox outbox;
  private final ClusterServiceConfig config;

  public ClusterCommands(Outbox outbox, ClusterServiceConfig config) {
    this.outbox = outbox;
    this.config = config;
  }

  /**
   * Accepts a new cluster: resolves the version against the ready nodes, places the members on
   * distinct nodes with ports from their ranges, and records it all with {@code ClusterAccepted}.
   */
  public Uni<Outcome> create(CreateCluster command, Operation op) {
    Provider provider = command.provider() == null ? Provider.AGENTS : command.provider();
    if (provider != Provider.AGENTS) {
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.INVALID_FIELD,
                  "the kubernetes provider is not available yet",
                  List.of(new FieldError("provider", "kubernetes is not available yet"))));
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
              if (cluster.phase != ClusterPhase.DELETING) {
                cluster.phase = ClusterPhase.DELETING;
                cluster.operationId = op.correlationId();
                cluster.updatedAt = Instant.now();
              }
              return new Outcome.Accepted(cluster.name, cluster.operationId);
            });
  }

  private Uni<Outcome> place(
      CreateCluster command,
      Provider provider,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      Operation op) {
    Instant now = Instant.now();
    Instant readySince = now.minus(config.nodeTimeout());
    Map<String, Integer> load = new HashMap<>();
    Map<String, Set<Integer>> heldPorts = new HashMap<>();
    for (MemberEntity m : members) {
      if (m.state != MemberState.REMOVED) {
        load.merge(m.node, 1, Integer::sum);
        Set<Integer> held = heldPorts.computeIfAbsent(m.node, n -> new HashSet<>());
        held.add(m.peerPort);
        held.add(m.clientPort);
      }
    }
    List<NodeCandidate> candidates = new ArrayList<>();
    Set<String> available = new LinkedHashSet<>();
    for (NodeEntity node : nodes) {
      boolean ready = node.lastSeen.isAfter(readySince);
      candidates.add(
          new NodeCandidate(
              node.name, ready, node.versions(), load.getOrDefault(node.name, 0), node.maxMembers));
      if (ready) {
        available.addAll(node.versions());
      }
    }
    String version = Versions.resolve(command.version(), available).orElse(null);
    if (version == null) {
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.UNKNOWN_VERSION,
                  "etcd "
                      + command.version()
                      + " is not available on any ready node; available: "
                      + (available.isEmpty()
                          ? "none (no node is ready)"
                          : String.join(", ", Versions.newestFirst(available))),
                  List.of(new FieldError("version", "not available on any ready node"))));
    }
    List<String> placed;
    try {
      placed = Placement.place(command.size(), version, candidates);
    } catch (Placement.InsufficientNodesException e) {
      return Uni.createFrom()
          .item(new Outcome.Rejected(RejectionCode.INSUFFICIENT_NODES, e.getMessage()));
    }

    ClusterEntity cluster = new ClusterEntity();
    cluster.name = command.name();
    cluster.uid = UUID.randomUUID();
    cluster.size = command.size();
    cluster.version = version;
    cluster.requestedVersion = command.version();
    cluster.provider = provider.name().toLowerCase();
    cluster.phase = ClusterPhase.PROVISIONING;
    cluster.token = command.name() + "-" + cluster.uid.toString().substring(0, 8);
    cluster.operationId = op.correlationId();
    cluster.createdAt = now;
    cluster.updatedAt = now;

    Map<String, NodeEntity> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name, n));
    List<MemberEntity> newMembers = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      NodeEntity node = byName.get(placed.get(i));
      Set<Integer> held = heldPorts.computeIfAbsent(node.name, n -> new HashSet<>());
      List<Integer> ports = PortPicker.pick(node.portFirst, node.portLast, held);
      if (ports.isEmpty()) {
        return Uni.createFrom()
            .item(
                new Outcome.Rejected(
                    RejectionCode.INSUFFICIENT_NODES,
                    "node " + node.name + " has no free ports left in its range"));
      }
      held.addAll(ports);
      MemberEntity member = new MemberEntity();
      member.name = command.name() + "-" + (i + 1);
      member.cluster = command.name();
      member.id = MemberEntity.id(member.cluster, member.name);
      member.node = node.name;
      member.address = node.address;
      member.peerPort = ports.get(0);
      member.clientPort = ports.get(1);
      member.state = MemberState.PLANNED;
      member.initialState = "new";
      member.updatedAt = now;
      newMembers.add(member);
    }
    return cluster
        .persist()
        .chain(() -> MemberEntity.persist(newMembers))
        .chain(
            () ->
                outbox.append(
                    Domain.CLUSTER,
                    new ClusterAccepted(
                        cluster.name, cluster.size, version, command.version(), provider),
                    op))
        .replaceWith(new Outcome.Accepted(cluster.name, op.correlationId()));
  }
}

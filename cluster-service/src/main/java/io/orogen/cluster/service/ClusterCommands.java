package io.orogen.cluster.service;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.model.ClusterPhase;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.Placement;
import io.orogen.cluster.model.Versions;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.cluster.provider.MemberProvider;
import io.orogen.cluster.provider.Providers;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.Provider;
import io.orogen.events.cluster.ScaleCluster;
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

  private final Outbox outbox;
  private final Providers providers;
  private final ClusterServiceConfig config;

  public ClusterCommands(Outbox outbox, Providers providers, ClusterServiceConfig config) {
    this.outbox = outbox;
    this.providers = providers;
    this.config = config;
  }

  /**
   * Accepts a new cluster: resolves the version against the ready nodes, places the members on
   * distinct nodes with ports from their ranges, and records it all with {@code ClusterAccepted}.
   */
  public Uni<Outcome> create(CreateCluster command, Operation op) {
    Provider provider = command.provider() == null ? Provider.AGENTS : command.provider();
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
              return NodeEntity.<NodeEntity>listAll()
                  .flatMap(
                      nodes ->
                          MemberEntity.<MemberEntity>list("cluster = ?1", cluster.name)
                              .map(members -> scale(cluster, command.size(), nodes, members, op)));
            });
  }

  private Outcome scale(
      ClusterEntity cluster,
      int size,
      List<NodeEntity> nodes,
      List<MemberEntity> members,
      Operation op) {
    Instant readySince = Instant.now().minus(config.nodeTimeout());
    long ready = nodes.stream().filter(n -> n.lastSeen.isAfter(readySince)).count();
    long usable =
        nodes.stream()
            .filter(n -> n.lastSeen.isAfter(readySince) && n.versions().contains(cluster.version))
            .count();
    if (cluster.provider.equals("agents") && size > usable) {
      return new Outcome.Rejected(
          RejectionCode.INSUFFICIENT_NODES,
          "size "
              + size
              + " needs "
              + size
              + " nodes, "
              + ready
              + (ready == 1 ? " is" : " are")
              + " ready"
              + (usable < ready ? " and " + usable + " of them run etcd " + cluster.version : ""));
    }
    if (cluster.scalingFrom == null) {
      cluster.scalingFrom = cluster.size;
    }
    cluster.size = size;
    cluster.operationId = op.correlationId();
    cluster.updatedAt = Instant.now();
    return new Outcome.Accepted(cluster.name, op.correlationId());
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
    Instant readySince = now.minus(config.nodeTimeout());
    MemberProvider members = providers.of(provider);
    Set<String> available = members.versions(nodes, readySince);
    String version = Versions.resolve(command.version(), available).orElse(null);
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
                          : String.join(", ", Versions.newestFirst(available))),
                  List.of(new FieldError("version", "not available"))));
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
    List<MemberEntity> newMembers;
    try {
      newMembers =
          members.plan(cluster, command.size(), 1, Membership.VOTER, nodes, all, readySince);
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
                        cluster.name, cluster.size, version, command.version(), provider),
                    op))
        .replaceWith(new Outcome.Accepted(cluster.name, op.correlationId()));
  }
}

package io.orogen.cluster.service;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.ContractJson;
import io.orogen.events.Domain;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.outbox.OutboxRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies node events to cluster-service's view: the nodes (inventory, last heartbeat) and the
 * observed state of each member's process. Runs inside the caller's transaction; each answer names
 * the cluster to reconcile at once, if any.
 */
@ApplicationScoped
public class NodeProjection {

  private static final Logger LOG = Logger.getLogger(NodeProjection.class);

  private final Outbox outbox;

  public NodeProjection(Outbox outbox) {
    this.outbox = outbox;
  }

  /** How long a member's state must have stood before a heartbeat may contradict it. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  /** A node (re)registered: its inventory replaces what was known. */
  public Uni<Outcome> registered(NodeRegistered registered) {
    return register(registered).replaceWith(applied(null));
  }

  /**
   * A node is alive. A member it reports not running that cluster-service still counts as running
   * (its exit event was lost, say) is taken as exited, so that it is healed.
   */
  public Uni<Outcome> heartbeat(NodeHeartbeat heartbeat) {
    Instant now = Instant.now();
    return NodeEntity.<NodeEntity>findById(heartbeat.node())
        .flatMap(
            node -> {
              if (node == null) {
                return Uni.createFrom().item(applied(null));
              }
              node.lastSeen = now;
              node.bootId = heartbeat.bootId();
              if (heartbeat.members() == null) {
                return Uni.createFrom().item(applied(null));
              }
              return MemberEntity.<MemberEntity>list(
                      "node = ?1 and state = ?2", heartbeat.node(), MemberState.RUNNING)
                  .map(running -> exitedUnnoticed(heartbeat, running, now));
            });
  }

  private static Outcome exitedUnnoticed(
      NodeHeartbeat heartbeat, List<MemberEntity> running, Instant now) {
    String cluster = null;
    for (MemberEntity member : running) {
      boolean reportedDown =
          heartbeat.members().stream()
              .anyMatch(
                  p ->
                      member.cluster.equals(p.cluster())
                          && member.name.equals(p.member())
                          && !p.running());
      // A heartbeat made just before the member started may still say it is down.
      if (reportedDown && member.updatedAt.isBefore(now.minus(SETTLE))) {
        member.state = MemberState.EXITED;
        member.updatedAt = now;
        cluster = member.cluster;
      }
    }
    return applied(cluster);
  }

  /** A member's process runs. */
  public Uni<Outcome> started(MemberProcessStarted started) {
    return member(started.cluster(), started.member(), started.node())
        .map(
            member -> {
              if (member != null
                  && Set.of(MemberState.PLANNED, MemberState.STARTING, MemberState.EXITED)
                      .contains(member.state)) {
                member.state = MemberState.RUNNING;
                member.dataLost = false;
                member.updatedAt = Instant.now();
              }
              return applied(started.cluster());
            });
  }

  /** A member's process exited, asked to or not. */
  public Uni<Outcome> exited(MemberProcessExited exited) {
    return member(exited.cluster(), exited.member(), exited.node())
        .map(
            member -> {
              if (member != null) {
                if (member.state == MemberState.STOPPING) {
                  member.state = MemberState.STOPPED;
                } else if (Set.of(MemberState.STARTING, MemberState.RUNNING)
                    .contains(member.state)) {
                  // Asked to by anyone but cluster-service, or not asked at: it is healed.
                  member.state = MemberState.EXITED;
                  member.dataLost = Boolean.TRUE.equals(exited.dataLost());
                }
                member.updatedAt = Instant.now();
              }
              return applied(exited.cluster());
            });
  }

  /** A member's data is gone from its node. */
  public Uni<Outcome> dataRemoved(MemberDataRemoved removed) {
    return member(removed.cluster(), removed.member(), removed.node())
        .map(
            member -> {
              if (member != null && member.state == MemberState.REMOVING) {
                member.state = MemberState.REMOVED;
                member.updatedAt = Instant.now();
              }
              return applied(removed.cluster());
            });
  }

  /**
   * A node's agent refused a command cluster-service sent it. A refused start fails the member
   * ({@code MemberFailed} StartRefused: it is replaced when it can be); a stop or removal of a
   * member the node does not have counts as done, so that a delete always finishes.
   */
  public Uni<Outcome> refused(CommandRejected rejected, Operation op) {
    if (rejected.commandId() == null) {
      return Uni.createFrom().item(applied(null));
    }
    return OutboxRecord.<OutboxRecord>find("eventId", rejected.commandId())
        .firstResult()
        .flatMap(
            row -> {
              Payload command = row == null ? null : commandOf(row);
              if (command instanceof StartMember start) {
                return member(start.cluster(), start.member(), start.node())
                    .flatMap(member -> startRefused(member, start, rejected, op));
              }
              if (command instanceof StopMember stop
                  && rejected.code() == RejectionCode.NOT_FOUND) {
                return member(stop.cluster(), stop.member(), stop.node())
                    .map(member -> moved(member, MemberState.STOPPING, MemberState.STOPPED));
              }
              if (command instanceof RemoveMemberData remove
                  && rejected.code() == RejectionCode.NOT_FOUND) {
                return member(remove.cluster(), remove.member(), remove.node())
                    .map(member -> moved(member, MemberState.REMOVING, MemberState.REMOVED));
              }
              return Uni.createFrom().item(applied(null));
            });
  }

  private Uni<Outcome> startRefused(
      MemberEntity member, StartMember start, CommandRejected rejected, Operation op) {
    if (member == null || member.state != MemberState.STARTING || member.failure != null) {
      return Uni.createFrom().item(applied(null));
    }
    member.state = MemberState.EXITED;
    member.failure = MemberFailure.START_REFUSED;
    member.updatedAt = Instant.now();
    String message = "node " + start.node() + " refused to start the member: " + rejected.message();
    LOG.warnf("cluster %s: member %s: %s", member.cluster, member.name, message);
    return outbox
        .append(
            Domain.CLUSTER,
            new MemberFailed(
                member.cluster, member.name, member.node, MemberFailure.START_REFUSED, message),
            op)
        .replaceWith(applied(member.cluster));
  }

  private static Outcome moved(MemberEntity member, MemberState from, MemberState to) {
    if (member == null || member.state != from) {
      return applied(null);
    }
    member.state = to;
    member.updatedAt = Instant.now();
    return applied(member.cluster);
  }

  private static Payload commandOf(OutboxRecord row) {
    return Contract.byType(row.ceType)
        .map(
            entry -> {
              try {
                return (Payload) ContractJson.mapper().readValue(row.data, entry.payload());
              } catch (java.io.IOException e) {
                return null;
              }
            })
        .orElse(null);
  }

  /** Applied; {@code cluster}, when not null, is reconciled at once. */
  private static Outcome applied(String cluster) {
    return new Outcome.Accepted(cluster, null);
  }

  private static Uni<Void> register(NodeRegistered registered) {
    return NodeEntity.<NodeEntity>findById(registered.node())
        .flatMap(
            existing -> {
              NodeEntity node = existing != null ? existing : new NodeEntity();
              Instant now = Instant.now();
              node.name = registered.node();
              node.address = registered.address();
              node.bootId = registered.bootId();
              node.labels = json(registered.labels());
              node.etcdVersions = String.join(",", registered.etcdVersions());
              node.portFirst = registered.portRange().first();
              node.portLast = registered.portRange().last();
              node.maxMembers = registered.capacity().maxMembers();
              node.registeredAt = now;
              node.lastSeen = now;
              return existing != null
                  ? Uni.createFrom().voidItem()
                  : node.persist().replaceWithVoid();
            });
  }

  /** The member, if it is the one placed on {@code node} (a stale event of an old one is not). */
  private static Uni<MemberEntity> member(String cluster, String member, String node) {
    return MemberEntity.<MemberEntity>findById(MemberEntity.id(cluster, member))
        .map(m -> m != null && m.node.equals(node) ? m : null);
  }

  private static String json(Object value) {
    try {
      return ContractJson.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

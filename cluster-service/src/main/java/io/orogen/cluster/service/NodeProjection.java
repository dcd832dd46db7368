package io.orogen.cluster.service;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.ContractJson;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.orogen.kit.command.Outcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;

/**
 * Applies node events to cluster-service's view: the nodes (inventory, last heartbeat) and the
 * observed state of each member's process. Runs inside the caller's transaction; each answer names
 * the cluster to reconcile at once, if any.
 */
@ApplicationScoped
public class NodeProjection {

  /** A node (re)registered: its inventory replaces what was known. */
  public Uni<Outcome> registered(NodeRegistered registered) {
    return register(registered).replaceWith(applied(null));
  }

  /** A node is alive. */
  public Uni<Outcome> heartbeat(NodeHeartbeat heartbeat) {
    return NodeEntity.<NodeEntity>findById(heartbeat.node())
        .invoke(
            node -> {
              if (node != null) {
                node.lastSeen = Instant.now();
                node.bootId = heartbeat.bootId();
              }
            })
        .replaceWith(applied(null));
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
                if (exited.requested() && member.state == MemberState.STOPPING) {
                  member.state = MemberState.STOPPED;
                } else if (!exited.requested()
                    && Set.of(MemberState.STARTING, MemberState.RUNNING).contains(member.state)) {
                  member.state = MemberState.EXITED;
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

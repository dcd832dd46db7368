package io.orogen.cluster.service;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.ContractJson;
import io.orogen.events.Payload;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Applies node events to cluster-service's view: the nodes (inventory, last heartbeat) and the
 * observed state of each member's process. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class NodeProjection {

  /**
   * Applies {@code event}; returns the cluster it concerns, if any, so it can be reconciled at
   * once.
   */
  public Uni<Optional<String>> apply(Payload event) {
    if (event instanceof NodeRegistered registered) {
      return registered(registered).replaceWith(Optional.empty());
    }
    if (event instanceof NodeHeartbeat heartbeat) {
      return NodeEntity.<NodeEntity>findById(heartbeat.node())
          .invoke(
              node -> {
                if (node != null) {
                  node.lastSeen = Instant.now();
                  node.bootId = heartbeat.bootId();
                }
              })
          .replaceWith(Optional.empty());
    }
    if (event instanceof MemberProcessStarted started) {
      return member(started.cluster(), started.member(), started.node())
          .map(
              member -> {
                if (member != null
                    && Set.of(MemberState.PLANNED, MemberState.STARTING, MemberState.EXITED)
                        .contains(member.state)) {
                  member.state = MemberState.RUNNING;
                  member.pid = started.pid();
                  member.updatedAt = Instant.now();
                }
                return Optional.of(started.cluster());
              });
    }
    if (event instanceof MemberProcessExited exited) {
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
                  member.pid = null;
                  member.updatedAt = Instant.now();
                }
                return Optional.of(exited.cluster());
              });
    }
    if (event instanceof MemberDataRemoved removed) {
      return member(removed.cluster(), removed.member(), removed.node())
          .map(
              member -> {
                if (member != null && member.state == MemberState.REMOVING) {
                  member.state = MemberState.REMOVED;
                  member.updatedAt = Instant.now();
                }
                return Optional.of(removed.cluster());
              });
    }
    return Uni.createFrom().item(Optional.empty());
  }

  private static Uni<Void> registered(NodeRegistered registered) {
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

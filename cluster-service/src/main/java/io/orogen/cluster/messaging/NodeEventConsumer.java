package io.orogen.cluster.messaging;

import io.orogen.cluster.model.NodeEventChecks;
import io.orogen.cluster.service.NodeEventClock;
import io.orogen.cluster.service.NodeProjection;
import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps cluster-service's view of nodes and member processes from {@code orogen.node.events}, and
 * wakes the reconciler of the cluster an event concerns. An event that fails {@link
 * NodeEventChecks} is dead-lettered and not applied; an agent's {@code CommandRejected} moves the
 * member on ({@link NodeProjection#refused}).
 */
@ApplicationScoped
public class NodeEventConsumer {

  private final Inbox inbox;
  private final NodeEventClock clock;

  public NodeEventConsumer(
      Inboxes inboxes,
      NodeProjection projection,
      Reconciliations reconciliations,
      NodeEventClock clock) {
    this.clock = clock;
    this.inbox =
        inboxes
            .events(Domain.NODE)
            .on(NodeRegistered.class, (event, op) -> projection.registered(event))
            // Heartbeats only move a timestamp forward; keeping their ids would buy nothing.
            .onRepeatable(NodeHeartbeat.class, (event, op) -> projection.heartbeat(event))
            .on(MemberProcessStarted.class, (event, op) -> projection.started(event))
            .on(MemberProcessExited.class, (event, op) -> projection.exited(event))
            .on(MemberDataRemoved.class, (event, op) -> projection.dataRemoved(event))
            .on(CommandRejected.class, projection::refused)
            .check(NodeRegistered.class, NodeEventChecks::registered)
            .check(NodeHeartbeat.class, NodeEventChecks::heartbeat)
            .check(MemberProcessStarted.class, NodeEventChecks::started)
            .check(MemberProcessExited.class, NodeEventChecks::exited)
            .check(MemberDataRemoved.class, NodeEventChecks::dataRemoved)
            .afterCommit(
                (event, outcome) -> {
                  if (outcome instanceof Outcome.Accepted accepted) {
                    reconciliations.request(accepted.aggregate());
                  }
                })
            .build();
  }

  @Incoming("node-events")
  @Blocking
  public CompletionStage<Void> onEvent(Message<byte[]> message) {
    CompletionStage<Void> done = inbox.receive(message);
    message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .ifPresent(record -> clock.processed(record.getTimestamp()));
    return done;
  }
}

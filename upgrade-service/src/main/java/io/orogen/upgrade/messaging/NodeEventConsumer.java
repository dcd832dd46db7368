package io.orogen.upgrade.messaging;

import io.orogen.events.Domain;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.orogen.upgrade.run.RunQueue;
import io.orogen.upgrade.service.RunAnswers;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * From {@code orogen.node.events}: the releases each node can run (the catalog), and the last log
 * lines of a member a run works on that exited. Heartbeats and the rest are passed over without a
 * trace.
 */
@ApplicationScoped
public class NodeEventConsumer {

  private final Inbox inbox;

  public NodeEventConsumer(Inboxes inboxes, RunAnswers answers, RunQueue runs) {
    this.inbox =
        inboxes
            .events(Domain.NODE)
            .onRepeatable(NodeRegistered.class, (event, op) -> answers.nodeRegistered(event))
            .onRepeatable(MemberProcessExited.class, (event, op) -> answers.memberExited(event))
            .onRepeatable(NodeHeartbeat.class, (event, op) -> ClusterEventConsumer.ignored())
            .onRepeatable(MemberProcessStarted.class, (event, op) -> ClusterEventConsumer.ignored())
            .onRepeatable(MemberDataRemoved.class, (event, op) -> ClusterEventConsumer.ignored())
            .onRepeatable(
                io.orogen.events.CommandRejected.class,
                (event, op) -> ClusterEventConsumer.ignored())
            .afterCommit(
                (event, outcome) -> {
                  if (outcome instanceof Outcome.Accepted accepted) {
                    runs.request(accepted.aggregate());
                  }
                })
            .build();
  }

  @Incoming("node-events")
  @Blocking
  public CompletionStage<Void> onEvent(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

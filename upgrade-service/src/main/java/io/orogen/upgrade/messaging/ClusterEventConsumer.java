package io.orogen.upgrade.messaging;

import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.LeaderTransferFailed;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.MembersRestored;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.orogen.upgrade.run.RunQueue;
import io.orogen.upgrade.service.ClusterProjection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps {@link ClusterProjection} from {@code orogen.cluster.events} and wakes the run an event
 * concerns.
 */
@ApplicationScoped
public class ClusterEventConsumer {

  private final Inbox inbox;

  public ClusterEventConsumer(Inboxes inboxes, ClusterProjection projection, RunQueue runs) {
    this.inbox =
        inboxes
            .events(Domain.CLUSTER)
            .on(ClusterAccepted.class, (event, op) -> projection.accepted(event))
            .on(ClusterReady.class, (event, op) -> projection.ready(event))
            .on(ClusterDegraded.class, (event, op) -> projection.degraded(event))
            .on(ClusterScaled.class, (event, op) -> projection.scaled(event))
            .on(MemberReplaced.class, (event, op) -> projection.replaced(event))
            .on(LeaderMoved.class, (event, op) -> projection.leaderMoved(event))
            .on(LeaderTransferFailed.class, (event, op) -> projection.transferFailed(event))
            .on(MemberRestarted.class, (event, op) -> projection.restarted(event))
            .on(CommandRejected.class, (event, op) -> projection.refused(event))
            .on(ClusterDeleted.class, (event, op) -> projection.deleted(event))
            // ClusterReady follows; a failed member shows in the phase.
            .onRepeatable(MembersRestored.class, (event, op) -> ignored())
            .onRepeatable(MemberFailed.class, (event, op) -> ignored())
            .afterCommit(
                (event, outcome) -> {
                  if (outcome instanceof Outcome.Accepted accepted) {
                    runs.request(accepted.aggregate());
                  }
                })
            .build();
  }

  static Uni<Outcome> ignored() {
    return Uni.createFrom().item(new Outcome.Accepted(null, null));
  }

  @Incoming("cluster-events")
  @Blocking
  public CompletionStage<Void> onEvent(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

package io.orogen.backup.messaging;

import io.orogen.backup.service.ClusterProjection;
import io.orogen.backup.service.Restores;
import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MembersRestored;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps {@link ClusterProjection} from {@code orogen.cluster.events} and follows the clusters
 * {@link Restores} asked for; the events backup-service does not need are read and passed over.
 */
@ApplicationScoped
public class ClusterEventConsumer {

  private final Inbox inbox;

  public ClusterEventConsumer(Inboxes inboxes, ClusterProjection projection, Restores restores) {
    this.inbox =
        inboxes
            .events(Domain.CLUSTER)
            .on(ClusterAccepted.class, (event, op) -> projection.accepted(event))
            .on(
                ClusterReady.class,
                (event, op) -> projection.ready(event).call(() -> restores.ready(event)))
            .on(
                MemberFailed.class,
                (event, op) ->
                    restores
                        .memberFailed(event)
                        .replaceWith(new Outcome.Accepted(event.cluster(), null)))
            .on(
                CommandRejected.class,
                (event, op) ->
                    restores
                        .refused(event, op)
                        .replaceWith(new Outcome.Accepted(event.subject(), null)))
            .on(
                MembersRestored.class,
                (event, op) ->
                    restores
                        .restoredInPlace(event)
                        .replaceWith(new Outcome.Accepted(event.cluster(), null)))
            .on(ClusterScaled.class, (event, op) -> projection.scaled(event))
            .on(MemberReplaced.class, (event, op) -> projection.replaced(event))
            .on(ClusterDegraded.class, (event, op) -> projection.degraded(event))
            .on(ClusterDeleted.class, (event, op) -> projection.deleted(event))
            .build();
  }

  @Incoming("cluster-events")
  @Blocking
  public CompletionStage<Void> onEvent(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

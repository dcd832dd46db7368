package io.orogen.cluster.messaging;

import io.orogen.cluster.service.ClusterCommands;
import io.orogen.events.Domain;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.RestoreMembers;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes cluster commands from {@code orogen.cluster.commands} into the same {@link ClusterCommands}
 * the REST API calls; the kit's {@link Inbox} answers, dead-letters and deduplicates them.
 */
@ApplicationScoped
public class ClusterCommandConsumer {

  private final Inbox inbox;

  public ClusterCommandConsumer(
      Inboxes inboxes, ClusterCommands commands, Reconciliations reconciliations) {
    this.inbox =
        inboxes
            .commands(Domain.CLUSTER)
            .on(CreateCluster.class, commands::create)
            .on(ScaleCluster.class, commands::scale)
            .on(DeleteCluster.class, commands::delete)
            .on(RestoreMembers.class, commands::restoreMembers)
            .on(TransferLeadership.class, commands::transferLeadership)
            .on(RestartMember.class, commands::restartMember)
            .afterCommit((command, outcome) -> reconciliations.request(command.subject()))
            .build();
  }

  @Incoming("cluster-commands")
  @Blocking
  public CompletionStage<Void> onCommand(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

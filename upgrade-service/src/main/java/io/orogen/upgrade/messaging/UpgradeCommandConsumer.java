package io.orogen.upgrade.messaging;

import io.orogen.events.Domain;
import io.orogen.events.upgrade.AbortUpgrade;
import io.orogen.events.upgrade.PauseUpgrade;
import io.orogen.events.upgrade.ResumeUpgrade;
import io.orogen.events.upgrade.SetUpdatePolicy;
import io.orogen.events.upgrade.UpgradeCluster;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.orogen.upgrade.run.RunQueue;
import io.orogen.upgrade.service.UpdatePolicies;
import io.orogen.upgrade.service.UpgradeCommands;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes upgrade commands from {@code orogen.upgrade.commands} into the same {@link UpgradeCommands}
 * and {@link UpdatePolicies} the REST API calls; the kit's {@link Inbox} answers, dead-letters and
 * deduplicates them.
 */
@ApplicationScoped
public class UpgradeCommandConsumer {

  private final Inbox inbox;

  public UpgradeCommandConsumer(
      Inboxes inboxes, UpgradeCommands commands, UpdatePolicies policies, RunQueue runs) {
    this.inbox =
        inboxes
            .commands(Domain.UPGRADE)
            .on(UpgradeCluster.class, commands::upgrade)
            .on(PauseUpgrade.class, commands::pause)
            .on(ResumeUpgrade.class, commands::resume)
            .on(AbortUpgrade.class, commands::abort)
            .on(SetUpdatePolicy.class, policies::set)
            .check(SetUpdatePolicy.class, UpdatePolicies::windowErrors)
            .afterCommit(
                (command, outcome) -> {
                  if (outcome instanceof Outcome.Accepted accepted) {
                    runs.request(accepted.aggregate());
                  }
                })
            .build();
  }

  @Incoming("upgrade-commands")
  @Blocking
  public CompletionStage<Void> onCommand(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

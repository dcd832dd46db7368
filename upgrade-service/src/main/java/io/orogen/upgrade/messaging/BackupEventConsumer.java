package io.orogen.upgrade.messaging;

import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupCorrupt;
import io.orogen.events.backup.BackupFailed;
import io.orogen.events.backup.BackupVerified;
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

/** The outcome of pre-upgrade backups, from {@code orogen.backup.events}. */
@ApplicationScoped
public class BackupEventConsumer {

  private final Inbox inbox;

  public BackupEventConsumer(Inboxes inboxes, RunAnswers answers, RunQueue runs) {
    this.inbox =
        inboxes
            .events(Domain.BACKUP)
            .on(BackupCompleted.class, answers::backupCompleted)
            .on(BackupFailed.class, answers::backupFailed)
            .on(BackupVerified.class, (event, op) -> answers.backupVerified(event))
            .on(BackupCorrupt.class, (event, op) -> answers.backupCorrupt(event))
            .on(CommandRejected.class, (event, op) -> answers.backupRefused(event))
            .afterCommit(
                (event, outcome) -> {
                  if (outcome instanceof Outcome.Accepted accepted) {
                    runs.request(accepted.aggregate());
                  }
                })
            .build();
  }

  @Incoming("backup-events")
  @Blocking
  public CompletionStage<Void> onEvent(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

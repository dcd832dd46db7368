package io.orogen.backup.messaging;

import io.orogen.backup.delta.DeltaRecorder;
import io.orogen.backup.run.Backups;
import io.orogen.backup.service.BackupCommands;
import io.orogen.backup.service.Restores;
import io.orogen.events.Domain;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.events.backup.RecoverQuorum;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreInPlace;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.events.backup.VerifyBackup;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.inbox.Inboxes;
import io.orogen.kit.intake.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes backup commands from {@code orogen.backup.commands} into the same {@link BackupCommands}
 * the REST API calls; the kit's {@link Inbox} answers, dead-letters and deduplicates them.
 */
@ApplicationScoped
public class BackupCommandConsumer {

  private final Inbox inbox;

  public BackupCommandConsumer(
      Inboxes inboxes,
      BackupCommands commands,
      Restores restores,
      Backups backups,
      DeltaRecorder recorder) {
    this.inbox =
        inboxes
            .commands(Domain.BACKUP)
            .on(CreateBackup.class, commands::create)
            .on(DeleteBackup.class, commands::delete)
            .on(SetBackupPolicy.class, commands::setPolicy)
            .on(VerifyBackup.class, commands::verify)
            .on(RestoreCluster.class, restores::restore)
            .on(RestoreInPlace.class, restores::restoreInPlace)
            .on(RecoverQuorum.class, restores::recoverQuorum)
            .afterCommit(
                (command, outcome) -> {
                  // These name a backup for the runner; a policy or a restore names a cluster.
                  boolean onABackup =
                      command.data() instanceof CreateBackup
                          || command.data() instanceof DeleteBackup
                          || command.data() instanceof VerifyBackup;
                  if (outcome instanceof Outcome.Accepted accepted && onABackup) {
                    backups.request(accepted.aggregate());
                  } else if (outcome instanceof Outcome.Accepted
                      && command.data() instanceof SetBackupPolicy policy) {
                    recorder.request(policy.cluster());
                  } else if (outcome instanceof Outcome.Accepted accepted
                      && (command.data() instanceof RestoreCluster
                          || command.data() instanceof RestoreInPlace
                          || command.data() instanceof RecoverQuorum)) {
                    // A point-in-time restore starts by building its backup.
                    backups.requestStartedBy(accepted.operationId());
                  }
                })
            .build();
  }

  @Incoming("backup-commands")
  @Blocking
  public CompletionStage<Void> onCommand(Message<byte[]> message) {
    return inbox.receive(message);
  }
}

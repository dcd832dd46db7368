package io.orogen.cluster.messaging;

import io.orogen.cluster.persistence.Conflicts;
import io.orogen.cluster.persistence.ProcessedRecord;
import io.orogen.cluster.service.ClusterCommands;
import io.orogen.cluster.service.Operation;
import io.orogen.cluster.service.Outbox;
import io.orogen.cluster.service.Outcome;
import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.SmallRyeCloudEvents;
import io.orogen.events.envelope.UnreadableRecordException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes cluster commands from {@code orogen.cluster.commands}, the way the REST API takes them.
 *
 * <ol>
 *   <li>An unreadable record or an invalid command is answered with {@code CommandRejected} and
 *       sent to the dead-letter topic.
 *   <li>A command whose id was processed before has no second effect.
 *   <li>Otherwise the command runs; its effect, its answer (events, or {@code CommandRejected}) and
 *       its id commit in one transaction.
 * </ol>
 */
@ApplicationScoped
public class ClusterCommandConsumer {

  private static final Logger LOG = Logger.getLogger(ClusterCommandConsumer.class);

  private final ClusterCommands commands;
  private final Outbox outbox;
  private final Validator validator;
  private final Reconciliations reconciliations;
  private final OutboxRelay relay;

  public ClusterCommandConsumer(
      ClusterCommands commands,
      Outbox outbox,
      Validator validator,
      Reconciliations reconciliations,
      OutboxRelay relay) {
    this.commands = commands;
    this.outbox = outbox;
    this.validator = validator;
    this.reconciliations = reconciliations;
    this.relay = relay;
  }

  @Incoming("cluster-commands")
  public Uni<Void> onCommand(Message<byte[]> message) {
    CloudEvent<Payload> command;
    try {
      command = SmallRyeCloudEvents.fromMessage(message);
    } catch (UnreadableRecordException e) {
      LOG.warnf("unreadable cluster command %s: %s", e.id(), e.getMessage());
      CommandRejected rejected =
          new CommandRejected(
              e.id(), e.type(), e.subject(), e.code(), e.getMessage(), e.fieldErrors());
      Operation op = new Operation(UUID.randomUUID().toString(), e.id());
      return Panache.withTransaction(() -> outbox.append(Domain.CLUSTER, rejected, op))
          .invoke(relay::wake)
          .chain(() -> Uni.createFrom().completionStage(message.nack(e)));
    }
    List<FieldError> errors =
        validator.validate(command.data()).stream().map(FieldError::of).toList();
    if (!errors.isEmpty()) {
      String reason =
          "invalid "
              + command.type()
              + ": "
              + String.join(
                  "; ", errors.stream().map(f -> f.field() + " " + f.message()).sorted().toList());
      LOG.warnf("cluster %s: %s (command %s)", command.subject(), reason, command.id());
      CommandRejected rejected =
          rejection(command, new Outcome.Rejected(RejectionCode.INVALID_FIELD, reason, errors));
      return Panache.withTransaction(
              () ->
                  outbox
                      .append(Domain.CLUSTER, rejected, Operation.causedBy(command))
                      .chain(() -> ProcessedRecord.of(command.id()).persist()))
          .invoke(relay::wake)
          .chain(
              () ->
                  Uni.createFrom()
                      .completionStage(message.nack(new IllegalArgumentException(reason))));
    }
    return Conflicts.retry(
            () ->
                Panache.withTransaction(
                    () ->
                        ProcessedRecord.<ProcessedRecord>findById(command.id())
                            .flatMap(
                                done -> {
                                  if (done != null) {
                                    LOG.infof(
                                        "command %s was processed before; no effect", command.id());
                                    return Uni.createFrom().voidItem();
                                  }
                                  return execute(command)
                                      .chain(() -> ProcessedRecord.of(command.id()).persist())
                                      .replaceWithVoid();
                                })))
        .invoke(
            () -> {
              relay.wake();
              reconciliations.request(command.subject());
            })
        .chain(() -> Uni.createFrom().completionStage(message.ack()));
  }

  private Uni<Void> execute(CloudEvent<Payload> command) {
    Operation op = Operation.causedBy(command);
    Uni<Outcome> outcome;
    if (command.data() instanceof CreateCluster create) {
      outcome = commands.create(create, op);
    } else if (command.data() instanceof ScaleCluster scale) {
      outcome = commands.scale(scale, op);
    } else if (command.data() instanceof DeleteCluster delete) {
      outcome = commands.delete(delete, op);
    } else {
      outcome =
          Uni.createFrom()
              .item(
                  new Outcome.Rejected(
                      RejectionCode.UNKNOWN_TYPE,
                      command.type() + " is not handled by cluster-service yet"));
    }
    return outcome.flatMap(
        result -> {
          if (result instanceof Outcome.Rejected rejected) {
            LOG.infof(
                "cluster %s: rejected %s %s: %s",
                command.subject(), command.type(), command.id(), rejected.message());
            return outbox.append(Domain.CLUSTER, rejection(command, rejected), op);
          }
          LOG.infof(
              "cluster %s: accepted %s (correlation %s)",
              command.subject(), command.type(), op.correlationId());
          return Uni.createFrom().voidItem();
        });
  }

  private static CommandRejected rejection(CloudEvent<Payload> command, Outcome.Rejected r) {
    return new CommandRejected(
        command.id(), command.type(), command.subject(), r.code(), r.message(), r.fieldErrors());
  }
}

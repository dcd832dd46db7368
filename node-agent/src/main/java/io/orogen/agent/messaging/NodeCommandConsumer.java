package io.orogen.agent.messaging;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.process.CommandRefusedException;
import io.orogen.agent.process.MemberSupervisor;
import io.orogen.events.CommandRejected;
import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.SmallRyeCloudEvents;
import io.orogen.events.envelope.UnreadableRecordException;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes this node's commands from {@code orogen.node.commands}: every agent reads the topic and
 * acts on the records keyed with its node name.
 *
 * <ol>
 *   <li>Unreadable records and invalid commands are answered with {@code CommandRejected} and sent
 *       to {@code orogen.node.commands.dlq} (the channel's dead-letter strategy).
 *   <li>Valid commands go to the {@link MemberSupervisor}, whose operations are idempotent, so a
 *       redelivered command has no second effect; a refusal is answered with {@code
 *       CommandRejected}.
 * </ol>
 */
@ApplicationScoped
public class NodeCommandConsumer {

  private static final Logger LOG = Logger.getLogger(NodeCommandConsumer.class);

  private final AgentConfig config;
  private final MemberSupervisor supervisor;
  private final NodeEventPublisher events;
  private final Validator validator;

  public NodeCommandConsumer(
      AgentConfig config,
      MemberSupervisor supervisor,
      NodeEventPublisher events,
      Validator validator) {
    this.config = config;
    this.supervisor = supervisor;
    this.events = events;
    this.validator = validator;
  }

  @Incoming("node-commands")
  @Blocking
  public CompletionStage<Void> onCommand(Message<byte[]> message) {
    Object key =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(IncomingKafkaRecordMetadata::getKey)
            .orElse(null);
    if (!config.nodeName().equals(key)) {
      return message.ack(); // another node's command
    }
    CloudEvent<Payload> command;
    try {
      command = SmallRyeCloudEvents.fromMessage(message);
    } catch (UnreadableRecordException e) {
      LOG.warnf("node %s: unreadable command %s: %s", config.nodeName(), e.id(), e.getMessage());
      events.rejected(
          new CommandRejected(
              e.id(), e.type(), config.nodeName(), e.code(), e.getMessage(), e.fieldErrors()),
          null);
      return message.nack(e);
    }
    Set<ConstraintViolation<Payload>> violations = validator.validate(command.data());
    if (!violations.isEmpty()) {
      List<FieldError> errors = violations.stream().map(FieldError::of).toList();
      String reason = "invalid " + command.type() + ": " + describe(errors);
      LOG.warnf("node %s: %s (command %s)", config.nodeName(), reason, command.id());
      events.rejected(rejection(command, RejectionCode.INVALID_FIELD, reason, errors), command);
      return message.nack(new IllegalArgumentException(reason));
    }
    try {
      execute(command);
    } catch (CommandRefusedException e) {
      LOG.infof(
          "node %s: refused %s %s: %s",
          config.nodeName(), command.type(), command.id(), e.getMessage());
      events.rejected(rejection(command, e.code(), e.getMessage(), List.of()), command);
    }
    return message.ack();
  }

  private void execute(CloudEvent<Payload> command) {
    Payload data = command.data();
    if (!config.nodeName().equals(data.aggregateId())) {
      throw new CommandRefusedException(
          RejectionCode.INVALID_FIELD,
          "the command names node "
              + data.aggregateId()
              + " but was keyed for "
              + config.nodeName());
    }
    if (data instanceof StartMember start) {
      supervisor.start(start, command);
    } else if (data instanceof StopMember stop) {
      supervisor.stop(stop, command);
    } else if (data instanceof RemoveMemberData remove) {
      supervisor.removeData(remove, command);
    } else {
      throw new CommandRefusedException(
          RejectionCode.UNKNOWN_TYPE, command.type() + " is not a command for node agents");
    }
  }

  private CommandRejected rejection(
      CloudEvent<Payload> command, RejectionCode code, String message, List<FieldError> errors) {
    return new CommandRejected(
        command.id(), command.type(), config.nodeName(), code, message, errors);
  }

  private static String describe(List<FieldError> errors) {
    return String.join(
        "; ", errors.stream().map(e -> e.field() + " " + e.message()).sorted().toList());
  }
}

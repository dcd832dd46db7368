package io.orogen.agent.messaging;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.process.MemberSupervisor;
import io.orogen.events.Domain;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.intake.DirectInboxes;
import io.orogen.kit.intake.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes this node's commands from {@code orogen.node.commands}: every agent reads the topic and
 * acts on the records keyed with its node name. The kit's {@link Inbox} answers and dead-letters
 * what cannot be carried out; the {@link MemberSupervisor}'s operations are idempotent, so a
 * redelivered command has no second effect.
 */
@ApplicationScoped
public class NodeCommandConsumer {

  private final AgentConfig config;
  private final Inbox inbox;

  public NodeCommandConsumer(
      AgentConfig config, DirectInboxes inboxes, MemberSupervisor supervisor) {
    this.config = config;
    this.inbox =
        inboxes
            .commands(Domain.NODE, NodeEventPublisher.source(config))
            .on(
                StartMember.class,
                command -> {
                  supervisor.start(command.data(), command);
                  return done(command.data().member());
                })
            .on(
                StopMember.class,
                command -> {
                  supervisor.stop(command.data(), command);
                  return done(command.data().member());
                })
            .on(
                RemoveMemberData.class,
                command -> {
                  supervisor.removeData(command.data(), command);
                  return done(command.data().member());
                })
            .build();
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
    return inbox.receive(message);
  }

  private static Outcome done(String member) {
    return new Outcome.Accepted(member, null);
  }
}

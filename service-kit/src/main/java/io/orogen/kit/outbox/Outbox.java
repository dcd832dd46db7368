package io.orogen.kit.outbox;

import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.kit.command.Operation;
import io.orogen.kit.config.KitConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Appends events and commands to the outbox, inside the caller's transaction, so that they are
 * published if and only if the state change that caused them commits. {@link OutboxRelay} publishes
 * them after the commit.
 */
@ApplicationScoped
public class Outbox {

  private final URI source;
  private final OutboxRelay relay;

  public Outbox(KitConfig config, OutboxRelay relay) {
    this.source = URI.create(config.source());
    this.relay = relay;
  }

  /**
   * Appends {@code payload} as a new record of {@code domain}, part of the operation {@code op}.
   */
  public Uni<Void> append(Domain domain, Payload payload, Operation op) {
    return appendWithId(domain, payload, op).replaceWithVoid();
  }

  /**
   * As {@link #append}, answering the record's {@code ce_id}: a command's sender matches the {@code
   * CommandRejected} that may answer it ({@code commandId}) by it.
   */
  public Uni<String> appendWithId(Domain domain, Payload payload, Operation op) {
    CloudEvent<Payload> event =
        CloudEvent.create(domain, source, payload)
            .withCorrelation(op.correlationId(), op.causationId());
    OutboxRecord record = new OutboxRecord();
    record.eventId = event.id();
    record.topic = Contract.byType(event.type()).orElseThrow().topic();
    record.recordKey = event.subject();
    record.ceType = event.type();
    record.ceSource = event.source().toString();
    record.ceTime = event.time();
    record.correlationId = event.correlationId();
    record.causationId = event.causationId();
    record.data = new String(CloudEventCodec.data(event), StandardCharsets.UTF_8);
    return record.persist().replaceWith(record.eventId);
  }

  /** Publishes soon: call it after a transaction that appended committed. */
  public void wake() {
    relay.wake();
  }
}

package io.orogen.events.envelope;

import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.Payload;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A command or event with its CloudEvents 1.0 attributes, as it travels in Kafka binary mode.
 *
 * @param id unique per record: the outbox row id for events, the idempotency key for commands
 * @param source the URI of the producer, for example {@code /orogen/cluster-service}
 * @param type {@code io.orogen.<domain>.<Name>.v<major>}
 * @param subject the aggregate id; also the record key
 * @param time when it happened
 * @param correlationId the operation or saga this record belongs to
 * @param causationId the {@code id} of the record that caused this one, if any
 * @param data the payload
 * @param <T> the payload type
 */
public record CloudEvent<T extends Payload>(
    String id,
    URI source,
    String type,
    String subject,
    Instant time,
    String correlationId,
    String causationId,
    T data) {

  public static final String SPEC_VERSION = "1.0";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /**
   * A new record that starts its own operation: a fresh id, which is also its correlation id.
   *
   * @param domain the domain whose topic carries the payload
   * @param source the producer
   * @param data the payload; its aggregate id becomes the subject
   */
  public static <T extends Payload> CloudEvent<T> create(Domain domain, URI source, T data) {
    String id = UUID.randomUUID().toString();
    return new CloudEvent<>(
        id,
        source,
        Contract.of(domain, data.getClass()).ceType(),
        data.aggregateId(),
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        id,
        null,
        data);
  }

  /** As {@link #create(Domain, URI, Payload)}, for a payload that belongs to one domain only. */
  public static <T extends Payload> CloudEvent<T> create(URI source, T data) {
    return create(Contract.of(data.getClass()).domain(), source, data);
  }

  /** The same record with another id (for example an outbox row id or an idempotency key). */
  public CloudEvent<T> withId(String newId) {
    return new CloudEvent<>(newId, source, type, subject, time, correlationId, causationId, data);
  }

  /** The same record as part of {@code cause}'s operation, caused by it. */
  public CloudEvent<T> causedBy(CloudEvent<?> cause) {
    return new CloudEvent<>(
        id, source, type, subject, time, cause.correlationId(), cause.id(), data);
  }

  /** The same record with explicit correlation and causation ids. */
  public CloudEvent<T> withCorrelation(String newCorrelationId, String newCausationId) {
    return new CloudEvent<>(
        id, source, type, subject, time, newCorrelationId, newCausationId, data);
  }
}

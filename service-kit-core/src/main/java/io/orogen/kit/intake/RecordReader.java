package io.orogen.kit.intake;

import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.CloudEventHeaders;
import io.orogen.events.envelope.UnreadableRecordException;
import io.orogen.kit.command.Operation;
import io.orogen.kit.text.Bounded;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;

/**
 * Reads one record of a topic of the contract and says whether it may be acted on. Nothing it
 * returns holds a string from the record longer than {@link Bounded} allows.
 *
 * <ol>
 *   <li>Decode the CloudEvent (headers and JSON data); an unreadable record is refused.
 *   <li>The {@code ce_id} must be usable as an id: 1 to 200 characters, no control characters.
 *   <li>The type must belong on this topic: a command on a commands topic, an event on an events
 *       topic, of the topic's domain.
 *   <li>The payload must pass its Bean Validation constraints and the checks registered for its
 *       type.
 *   <li>The record key and {@code ce_subject}, where present, must name the payload's aggregate.
 * </ol>
 */
public final class RecordReader {

  private final String topic;
  private final Contract.Kind kind;
  private final Validator validator;
  private final Map<Class<?>, Function<Payload, List<FieldError>>> checks;

  /**
   * @param topic the topic read
   * @param kind whether it carries commands or events
   * @param validator Bean Validation
   * @param checks more checks of a payload type, beyond its constraints
   */
  public RecordReader(
      String topic,
      Contract.Kind kind,
      Validator validator,
      Map<Class<?>, Function<Payload, List<FieldError>>> checks) {
    this.topic = topic;
    this.kind = kind;
    this.validator = validator;
    this.checks = Map.copyOf(checks);
  }

  /** What reading a record found. */
  public sealed interface Read {}

  /** A record that may be acted on. */
  public record Accepted(CloudEvent<Payload> record) implements Read {}

  /**
   * A record that must not be acted on, and the answer that says why.
   *
   * @param rejection the answer, every string bounded
   * @param usableId the record's {@code ce_id} when it can be recorded as processed, else null
   * @param operation the operation the answer belongs to: the record's own correlation id when it
   *     has a usable one
   */
  public record Refused(CommandRejected rejection, String usableId, Operation operation)
      implements Read {}

  public Read read(String key, Headers headers, byte[] value) {
    String rawId = CloudEventCodec.get(headers, CloudEventHeaders.ID);
    String usableId = Bounded.isCleanId(rawId, Bounded.ID) ? rawId : null;
    String correlation = CloudEventCodec.get(headers, CloudEventHeaders.CORRELATION_ID);
    Operation operation =
        Bounded.isCleanId(correlation, Bounded.ID)
            ? new Operation(correlation, usableId)
            : usableId != null ? new Operation(usableId, usableId) : Operation.start();
    CloudEvent<Payload> record;
    try {
      record = CloudEventCodec.decode(headers, value);
    } catch (UnreadableRecordException e) {
      return refused(
          e.id(),
          e.type(),
          e.subject() != null ? e.subject() : key,
          e.code(),
          e.getMessage(),
          e.fieldErrors(),
          usableId,
          operation);
    } catch (RuntimeException e) {
      return refused(
          rawId,
          CloudEventCodec.get(headers, CloudEventHeaders.TYPE),
          key,
          RejectionCode.UNREADABLE_RECORD,
          "unreadable record: " + e,
          List.of(),
          usableId,
          operation);
    }
    if (usableId == null) {
      return refused(
          record.id(),
          record.type(),
          subjectOf(record, key),
          RejectionCode.UNREADABLE_RECORD,
          "ce_id must be 1 to " + Bounded.ID + " characters without control characters",
          List.of(new FieldError("ce_id", "must be 1 to " + Bounded.ID + " printable characters")),
          null,
          operation);
    }
    Contract.Entry entry = Contract.byType(record.type()).orElseThrow();
    if (entry.kind() != kind || !entry.topic().equals(topic)) {
      return refused(
          record.id(),
          record.type(),
          subjectOf(record, key),
          RejectionCode.UNKNOWN_TYPE,
          record.type()
              + " is not "
              + (kind == Contract.Kind.COMMAND ? "a command" : "an event")
              + " of "
              + topic,
          List.of(),
          usableId,
          operation);
    }
    List<FieldError> errors = new ArrayList<>();
    validator.validate(record.data()).forEach(v -> errors.add(FieldError.of(v)));
    Function<Payload, List<FieldError>> check = checks.get(record.data().getClass());
    if (check != null) {
      errors.addAll(check.apply(record.data()));
    }
    String aggregate = record.data().aggregateId();
    if (errors.isEmpty()) {
      if (key != null && !key.equals(aggregate)) {
        errors.add(new FieldError("key", "the record key must be the aggregate id " + aggregate));
      }
      if (record.subject() != null && !record.subject().equals(aggregate)) {
        errors.add(
            new FieldError("ce_subject", "ce_subject must be the aggregate id " + aggregate));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field));
      String reason =
          "invalid "
              + record.type()
              + ": "
              + String.join("; ", errors.stream().map(f -> f.field() + " " + f.message()).toList());
      return refused(
          record.id(),
          record.type(),
          subjectOf(record, key),
          RejectionCode.INVALID_FIELD,
          reason,
          errors,
          usableId,
          operation);
    }
    return new Accepted(record);
  }

  private static String subjectOf(CloudEvent<Payload> record, String key) {
    String aggregate = record.data().aggregateId();
    return aggregate != null ? aggregate : record.subject() != null ? record.subject() : key;
  }

  private static Refused refused(
      String id,
      String type,
      String subject,
      RejectionCode code,
      String message,
      List<FieldError> fieldErrors,
      String usableId,
      Operation operation) {
    return new Refused(
        new CommandRejected(
            Bounded.id(id),
            Bounded.id(type),
            Bounded.id(subject),
            code,
            Bounded.message(Objects.requireNonNullElse(message, code.name())),
            bounded(fieldErrors)),
        usableId,
        operation);
  }

  /** At most 50 field errors, each bounded. */
  static List<FieldError> bounded(List<FieldError> fieldErrors) {
    return fieldErrors.stream()
        .limit(50)
        .map(f -> new FieldError(Bounded.id(f.field()), Bounded.message(f.message())))
        .toList();
  }
}

package io.orogen.events.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.orogen.events.Contract;
import io.orogen.events.ContractJson;
import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes and reads {@link CloudEvent}s as Kafka records in the CloudEvents Kafka binding's binary
 * mode: attributes in {@code ce_*} headers, the payload as JSON in the value, the subject (the
 * aggregate id) as the key. Works with a plain Kafka client ({@code StringSerializer} keys, {@code
 * ByteArraySerializer} values); {@link SmallRyeCloudEvents} adapts it to SmallRye messages.
 */
public final class CloudEventCodec {

  private CloudEventCodec() {}

  /** The record for {@code event} on the topic the contract gives its type. */
  public static ProducerRecord<String, byte[]> toRecord(CloudEvent<?> event) {
    return toRecord(topicOf(event), event);
  }

  /** The record for {@code event} on {@code topic}, keyed by its subject. */
  public static ProducerRecord<String, byte[]> toRecord(String topic, CloudEvent<?> event) {
    return new ProducerRecord<>(topic, null, event.subject(), data(event), headers(event));
  }

  /** The topic the contract gives {@code event}'s type. */
  public static String topicOf(CloudEvent<?> event) {
    return Contract.byType(event.type())
        .orElseThrow(() -> new IllegalArgumentException("not in the contract: " + event.type()))
        .topic();
  }

  /** The {@code ce_*} and {@code content-type} headers of {@code event}. */
  public static Headers headers(CloudEvent<?> event) {
    return headers(
        event.id(),
        event.source(),
        event.type(),
        event.subject(),
        event.time(),
        event.correlationId(),
        event.causationId());
  }

  /**
   * The {@code ce_*} and {@code content-type} headers of a CloudEvent given by its attributes, for
   * producers that keep the payload as JSON (an outbox row, say).
   */
  public static Headers headers(
      String id,
      URI source,
      String type,
      String subject,
      Instant time,
      String correlationId,
      String causationId) {
    RecordHeaders headers = new RecordHeaders();
    put(headers, CloudEventHeaders.SPEC_VERSION, CloudEvent.SPEC_VERSION);
    put(headers, CloudEventHeaders.ID, id);
    put(headers, CloudEventHeaders.SOURCE, source.toString());
    put(headers, CloudEventHeaders.TYPE, type);
    put(headers, CloudEventHeaders.SUBJECT, subject);
    put(headers, CloudEventHeaders.TIME, time == null ? null : time.toString());
    put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    put(headers, CloudEventHeaders.CORRELATION_ID, correlationId);
    put(headers, CloudEventHeaders.CAUSATION_ID, causationId);
    return headers;
  }

  /** The payload as JSON bytes. */
  public static byte[] data(CloudEvent<?> event) {
    try {
      return ContractJson.mapper().writeValueAsBytes(event.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a record of the contract.
   *
   * @throws UnreadableRecordException naming what is wrong, when the record is not one
   */
  public static CloudEvent<Payload> decode(ConsumerRecord<?, byte[]> record) {
    return decode(record.headers(), record.value());
  }

  /**
   * Reads a record of the contract from its headers and value.
   *
   * @throws UnreadableRecordException naming what is wrong, when the record is not one
   */
  public static CloudEvent<Payload> decode(Headers headers, byte[] value) {
    String id = get(headers, CloudEventHeaders.ID);
    String type = get(headers, CloudEventHeaders.TYPE);
    String subject = get(headers, CloudEventHeaders.SUBJECT);
    String specVersion = get(headers, CloudEventHeaders.SPEC_VERSION);
    String source = get(headers, CloudEventHeaders.SOURCE);

    List<String> missing =
        List.of(
                CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.ID,
                CloudEventHeaders.SOURCE,
                CloudEventHeaders.TYPE)
            .stream()
            .filter(name -> isBlank(get(headers, name)))
            .toList();
    if (!missing.isEmpty()) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD,
          "missing CloudEvents header(s): " + String.join(", ", missing),
          id,
          type,
          subject,
          null);
    }
    if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD,
          "unsupported ce_specversion " + specVersion + ", expected 1.0",
          id,
          type,
          subject,
          null);
    }
    String contentType = get(headers, CloudEventHeaders.CONTENT_TYPE);
    if (contentType != null && !contentType.startsWith(CloudEventHeaders.JSON)) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD,
          "unsupported content-type " + contentType + ", expected application/json",
          id,
          type,
          subject,
          null);
    }
    Contract.Entry entry =
        Contract.byType(type)
            .orElseThrow(
                () ->
                    unreadable(
                        RejectionCode.UNKNOWN_TYPE,
                        "unknown ce_type " + type,
                        id,
                        type,
                        subject,
                        null));
    if (value == null || value.length == 0) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD, "the record has no data", id, type, subject, null);
    }

    URI sourceUri;
    Instant time;
    try {
      sourceUri = URI.create(source);
      String timeHeader = get(headers, CloudEventHeaders.TIME);
      time = timeHeader == null ? null : Instant.parse(timeHeader);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD,
          "invalid ce_source or ce_time: " + e.getMessage(),
          id,
          type,
          subject,
          e);
    }

    Payload data;
    try {
      data = ContractJson.mapper().readValue(value, entry.payload());
    } catch (JsonMappingException e) {
      if (!e.getPath().isEmpty()) {
        // Valid JSON, but a field does not map (a string where a number belongs, an unknown enum
        // value): that is an invalid field the sender can fix.
        String field = path(e);
        throw new UnreadableRecordException(
            RejectionCode.INVALID_FIELD,
            "invalid " + type + ": field '" + field + "' " + summary(e),
            List.of(new FieldError(field, summary(e))),
            id,
            type,
            subject,
            e);
      }
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD,
          "data is not a JSON " + entry.name() + ": " + summary(e),
          id,
          type,
          subject,
          e);
    } catch (IOException e) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD, "data is not JSON: " + summary(e), id, type, subject, e);
    }
    if (data == null) {
      throw unreadable(
          RejectionCode.UNREADABLE_RECORD, "the data is JSON null", id, type, subject, null);
    }
    return new CloudEvent<>(
        id,
        sourceUri,
        type,
        subject,
        time,
        get(headers, CloudEventHeaders.CORRELATION_ID),
        get(headers, CloudEventHeaders.CAUSATION_ID),
        data);
  }

  /** A header's value as a string, or null when absent. The last header of a name wins. */
  public static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String summary(IOException e) {
    if (e instanceof JacksonException jackson) {
      String message = jackson.getOriginalMessage();
      // Jackson's first line is the useful part; the rest repeats the input.
      return message == null
          ? e.getClass().getSimpleName()
          : message.lines().findFirst().orElse("");
    }
    return String.valueOf(e.getMessage());
  }

  private static UnreadableRecordException unreadable(
      RejectionCode code, String reason, String id, String type, String subject, Throwable cause) {
    return new UnreadableRecordException(code, reason, List.of(), id, type, subject, cause);
  }
}

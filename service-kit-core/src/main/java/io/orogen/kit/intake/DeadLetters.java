package io.orogen.kit.intake;

import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.kit.kafka.KitKafka;
import io.orogen.kit.retry.Lifecycle;
import io.orogen.kit.retry.Retry;
import io.orogen.kit.text.Bounded;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Writes a copy of a record that was not acted on to {@code <topic>.dlq}, with why, before the
 * record is acknowledged: nothing is dropped silently. The headers follow SmallRye's dead-letter
 * strategy ({@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}) plus
 * {@code dead-letter-code}.
 *
 * <ol>
 *   <li>The copy keeps the record's key, headers and value; the reason is bounded.
 *   <li>A copy Kafka refuses as too large is sent again cut down (headers to 1 KB each, the value
 *       to 512 KB), marked {@code dead-letter-truncated} with the original size.
 *   <li>Any other failure to write is retried (the broker may be away) until it succeeds.
 * </ol>
 */
@ApplicationScoped
public class DeadLetters {

  public static final String REASON = "dead-letter-reason";
  public static final String CODE = "dead-letter-code";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";
  public static final String TRUNCATED = "dead-letter-truncated";

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);
  private static final int HEADER_CUT = 1024;
  private static final int VALUE_CUT = 512 * 1024;

  private final KitKafka kafka;
  private final Retry retry;

  public DeadLetters(KitKafka kafka, Lifecycle lifecycle) {
    this.kafka = kafka;
    // Every failure to write but "too large" is retried: the record is acknowledged only once its
    // copy is safe.
    this.retry = new Retry(lifecycle, failure -> failure instanceof IllegalStateException);
  }

  /**
   * A record as it was read.
   *
   * @param topic where it was read
   * @param partition its partition
   * @param offset its offset
   * @param key its key, if any
   * @param headers its headers
   * @param value its value, if any
   */
  public record Original(
      String topic, int partition, long offset, String key, Headers headers, byte[] value) {

    /** The record a Kafka message carries. */
    public static Original of(Message<byte[]> message) {
      @SuppressWarnings("unchecked")
      IncomingKafkaRecordMetadata<Object, byte[]> metadata =
          message
              .getMetadata(IncomingKafkaRecordMetadata.class)
              .orElseThrow(() -> new IllegalArgumentException("not a Kafka record"));
      Object key = metadata.getKey();
      return new Original(
          metadata.getTopic(),
          metadata.getPartition(),
          metadata.getOffset(),
          key == null ? null : key.toString(),
          metadata.getHeaders(),
          message.getPayload());
    }
  }

  /** Writes the copy and waits for Kafka to acknowledge it. */
  public void send(Original record, RejectionCode code, String reason) {
    String bounded = Bounded.message(reason);
    LOG.warnf(
        "dead letter: %s[%d]@%d key %s: %s",
        record.topic(), record.partition(), record.offset(), Bounded.id(record.key()), bounded);
    retry.run(
        "the dead letter of " + record.topic() + "[" + record.partition() + "]@" + record.offset(),
        () -> {
          try {
            write(copy(record, code, bounded, false));
          } catch (RecordTooLargeException e) {
            write(copy(record, code, bounded, true));
          }
          return null;
        });
  }

  private void write(ProducerRecord<String, byte[]> copy) {
    try {
      kafka.producer().send(copy).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException tooLarge) {
        throw tooLarge;
      }
      throw new IllegalStateException("cannot write to " + copy.topic(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot write to " + copy.topic(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Retry.StoppedException("a dead letter", e);
    } catch (RecordTooLargeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot write to " + copy.topic(), e);
    }
  }

  private static ProducerRecord<String, byte[]> copy(
      Original record, RejectionCode code, String reason, boolean cut) {
    RecordHeaders headers = new RecordHeaders();
    int originalSize = record.value() == null ? 0 : record.value().length;
    for (Header header : record.headers()) {
      byte[] value = header.value();
      if (cut && value != null && value.length > HEADER_CUT) {
        originalSize += value.length;
        value = Arrays.copyOf(value, HEADER_CUT);
      }
      headers.add(header.key(), value);
    }
    put(headers, REASON, reason);
    put(headers, CODE, code.wireName());
    put(headers, TOPIC, record.topic());
    put(headers, PARTITION, Integer.toString(record.partition()));
    put(headers, OFFSET, Long.toString(record.offset()));
    byte[] value = record.value();
    if (cut) {
      put(headers, TRUNCATED, "original record of about " + originalSize + " bytes");
      if (value != null && value.length > VALUE_CUT) {
        value = Arrays.copyOf(value, VALUE_CUT);
      }
    }
    return new ProducerRecord<>(
        Topics.dlq(record.topic()), null, Bounded.id(record.key()), value, headers);
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

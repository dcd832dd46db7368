package io.orogen.events.envelope;

import io.orogen.events.Payload;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * {@link CloudEventCodec} for SmallRye Reactive Messaging: the same records, as messages. Channels
 * use {@code String} keys and {@code byte[]} values; outgoing channels need no {@code cloud-events}
 * settings since the headers are written here.
 */
public final class SmallRyeCloudEvents {

  private SmallRyeCloudEvents() {}

  /** A message that a Kafka outgoing channel writes as {@code event}'s record. */
  public static Message<byte[]> toMessage(CloudEvent<?> event) {
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(event.subject())
            .withHeaders(CloudEventCodec.headers(event))
            .build();
    return Message.of(CloudEventCodec.data(event), Metadata.of(metadata));
  }

  /**
   * Reads the CloudEvent a Kafka incoming message carries.
   *
   * @throws UnreadableRecordException when the record is not one of the contract
   * @throws IllegalArgumentException when the message did not come from Kafka
   */
  public static CloudEvent<Payload> fromMessage(Message<byte[]> message) {
    @SuppressWarnings("unchecked")
    IncomingKafkaRecordMetadata<Object, Object> metadata =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .orElseThrow(() -> new IllegalArgumentException("not a Kafka record"));
    Headers headers = metadata.getHeaders();
    return CloudEventCodec.decode(headers, message.getPayload());
  }
}

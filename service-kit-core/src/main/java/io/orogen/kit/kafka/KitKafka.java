package io.orogen.kit.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The process's one Kafka producer for what the kit publishes itself (the outbox, dead letters,
 * direct events), made from the same {@code kafka.*} settings as the SmallRye channels, so security
 * settings apply to both. Idempotent with {@code acks=all}: records of one key stay in order.
 */
@ApplicationScoped
public class KitKafka {

  private final Map<String, Object> settings;
  private volatile Producer<String, byte[]> producer;

  public KitKafka(@Identifier("default-kafka-broker") Map<String, Object> settings) {
    this.settings = settings;
  }

  /** The shared producer, made on first use. */
  public Producer<String, byte[]> producer() {
    Producer<String, byte[]> current = producer;
    if (current == null) {
      synchronized (this) {
        if (producer == null) {
          producer = create();
        }
        current = producer;
      }
    }
    return current;
  }

  private Producer<String, byte[]> create() {
    Map<String, Object> config = new HashMap<>();
    settings.forEach(
        (key, value) -> {
          if (ProducerConfig.configNames().contains(key)) {
            config.put(key, value);
          }
        });
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    // A broker that is away fails a send within these bounds, so callers retry, not hang.
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(
        ProducerConfig.CLIENT_ID_CONFIG, "orogen-kit-" + ProcessHandle.current().pid());
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Late in shutdown: the relay and the inboxes stop first. */
  void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent stop) {
    Producer<String, byte[]> current = producer;
    if (current != null) {
      current.close(Duration.ofSeconds(5));
    }
  }
}

package io.orogen.testing;

import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.UnreadableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An outside system in a test: sends commands with a plain Kafka producer and reads every record of
 * the topics it watches, from the beginning, on a background thread.
 */
public final class KafkaTestClient implements AutoCloseable {

  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  public KafkaTestClient(String bootstrapServers, String... topics) {
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer());
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-client-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics));
    poller = new Thread(this::poll, "kafka-test-client");
    poller.setDaemon(true);
    poller.start();
  }

  /** Sends {@code command} on its contract topic and waits for the broker to take it. */
  public void send(CloudEvent<?> command) {
    send(CloudEventCodec.toRecord(command));
  }

  /** Sends any record, for example a malformed one. */
  public void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + record.topic(), e);
    }
  }

  /** The first readable event of {@code type} that matches, waiting up to a minute. */
  public <T extends Payload> CloudEvent<T> await(Class<T> type, Predicate<T> matches) {
    return await(type, matches, DEFAULT_WAIT);
  }

  @SuppressWarnings("unchecked")
  public <T extends Payload> CloudEvent<T> await(
      Class<T> type, Predicate<T> matches, Duration timeout) {
    ConsumerRecord<String, byte[]> record =
        awaitRecord(
            r -> {
              CloudEvent<Payload> event = decodeOrNull(r);
              return event != null
                  && type.isInstance(event.data())
                  && matches.test(type.cast(event.data()));
            },
            timeout,
            "a " + type.getSimpleName());
    return (CloudEvent<T>) (CloudEvent<?>) CloudEventCodec.decode(record);
  }

  /**
   * The first readable event of {@code type} whose envelope matches, waiting up to {@code timeout}.
   */
  @SuppressWarnings("unchecked")
  public <T extends Payload> CloudEvent<T> awaitEvent(
      Class<T> type, Predicate<CloudEvent<T>> matches, Duration timeout) {
    ConsumerRecord<String, byte[]> record =
        awaitRecord(
            r -> {
              CloudEvent<Payload> event = decodeOrNull(r);
              return event != null
                  && type.isInstance(event.data())
                  && matches.test((CloudEvent<T>) (CloudEvent<?>) event);
            },
            timeout,
            "a matching " + type.getSimpleName());
    return (CloudEvent<T>) (CloudEvent<?>) CloudEventCodec.decode(record);
  }

  /** The first record that matches, readable or not, waiting up to {@code timeout}. */
  public ConsumerRecord<String, byte[]> awaitRecord(
      Predicate<ConsumerRecord<String, byte[]>> matches, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      synchronized (records) {
        for (; seen < records.size(); seen++) {
          if (matches.test(records.get(seen))) {
            return records.get(seen);
          }
        }
        try {
          records.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new AssertionError("no " + what + " within " + timeout + "; saw " + describe());
  }

  /** Waits until the agents of {@code node-1} … {@code node-<count>} have registered. */
  public void awaitNodes(int count, Duration timeout) {
    for (int i = 1; i <= count; i++) {
      String node = "node-" + i;
      awaitEvent(
          io.orogen.events.node.NodeRegistered.class, e -> e.data().node().equals(node), timeout);
    }
  }

  /** Every record seen so far, readable or not. */
  public List<ConsumerRecord<String, byte[]>> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** Every readable event seen so far whose payload is a {@code type}. */
  public <T extends Payload> List<T> all(Class<T> type) {
    synchronized (records) {
      return records.stream()
          .map(KafkaTestClient::decodeOrNull)
          .filter(e -> e != null && type.isInstance(e.data()))
          .map(e -> type.cast(e.data()))
          .toList();
    }
  }

  /** Every readable event seen so far whose payload is a {@code type}, with its envelope. */
  @SuppressWarnings("unchecked")
  public <T extends Payload> List<CloudEvent<T>> allEvents(Class<T> type) {
    synchronized (records) {
      return records.stream()
          .map(KafkaTestClient::decodeOrNull)
          .filter(e -> e != null && type.isInstance(e.data()))
          .map(e -> (CloudEvent<T>) (CloudEvent<?>) e)
          .toList();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }

  private void poll() {
    try {
      while (running) {
        var batch = consumer.poll(Duration.ofMillis(200));
        synchronized (records) {
          batch.forEach(records::add);
          records.notifyAll();
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException stopping) {
      // close() woke us up
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** The last records seen, heartbeats left out, for failure messages. */
  private String describe() {
    synchronized (records) {
      List<String> seen =
          records.stream()
              .map(
                  r -> {
                    CloudEvent<Payload> e = decodeOrNull(r);
                    return r.topic() + ":" + (e == null ? "(unreadable)" : e.data());
                  })
              .filter(line -> !line.contains("NodeHeartbeat["))
              .toList();
      return seen.subList(Math.max(0, seen.size() - 30), seen.size()).toString();
    }
  }

  private static CloudEvent<Payload> decodeOrNull(ConsumerRecord<String, byte[]> record) {
    try {
      return CloudEventCodec.decode(record);
    } catch (UnreadableRecordException e) {
      return null;
    }
  }
}

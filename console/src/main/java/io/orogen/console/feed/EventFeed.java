package io.orogen.console.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orogen.console.state.Projection;
import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.UnreadableRecordException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads every {@code orogen.*.events} topic from its beginning, straight from Kafka, on start: the
 * console's state is rebuilt from the events (event-carried state) and needs no other service. It
 * keeps the latest events for the feed and tells subscribers about each new one.
 */
@ApplicationScoped
public class EventFeed {

  private static final Logger LOG = Logger.getLogger(EventFeed.class);
  private static final Pattern EVENT_TOPICS = Pattern.compile("orogen\\.[a-z]+\\.events");
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String bootstrapServers;
  private final int keep;
  private final Projection projection;
  private final Deque<FeedEvent> latest = new ArrayDeque<>();
  private final BroadcastProcessor<FeedEvent> live = BroadcastProcessor.create();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;
  private long seq;

  public EventFeed(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "orogen.console.events-kept", defaultValue = "5000") int keep,
      Projection projection) {
    this.bootstrapServers = bootstrapServers;
    this.keep = keep;
    this.projection = projection;
  }

  void onStart(@Observes StartupEvent start) {
    Thread reader = new Thread(this::read, "console-event-feed");
    reader.setDaemon(true);
    reader.start();
  }

  void onStop(@Observes ShutdownEvent stop) {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /** Every new event, as it arrives. */
  public Multi<FeedEvent> live() {
    return live;
  }

  /** The kept events that match, newest first, at most {@code limit}. */
  public synchronized List<FeedEvent> latest(Predicate<FeedEvent> matches, int limit) {
    List<FeedEvent> found = new ArrayList<>();
    var newestFirst = latest.descendingIterator();
    while (newestFirst.hasNext() && found.size() < limit) {
      FeedEvent event = newestFirst.next();
      if (matches.test(event)) {
        found.add(event);
      }
    }
    return found;
  }

  public synchronized Optional<FeedEvent> bySeq(long seq) {
    return latest.stream().filter(e -> e.seq() == seq).findFirst();
  }

  /** The distinct event names seen, for the feed's filter. */
  public synchronized List<String> names() {
    return latest.stream().map(FeedEvent::name).distinct().sorted().toList();
  }

  private void read() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A group of its own, from the beginning: each console instance sees every event.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "console-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000"); // new event topics are found soon
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props)) {
        consumer = kafka;
        kafka.subscribe(EVENT_TOPICS);
        while (running) {
          for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
            accept(record);
          }
        }
      } catch (WakeupException stopping) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf(e, "reading the event topics failed; trying again");
        sleep();
      }
    }
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(
          header.key(),
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    Payload data = null;
    String type = headers.getOrDefault("ce_type", "Unreadable");
    Instant time = Instant.ofEpochMilli(record.timestamp());
    try {
      CloudEvent<Payload> event = CloudEventCodec.decode(record);
      data = event.data();
      type = event.type();
      time = event.time() != null ? event.time() : time;
    } catch (UnreadableRecordException e) {
      type = "io.orogen.unknown.Unreadable.v1";
    }
    FeedEvent event;
    synchronized (this) {
      event =
          new FeedEvent(
              ++seq,
              type,
              record.key(),
              time,
              record.topic(),
              record.partition(),
              record.offset(),
              headers,
              pretty(text),
              data);
      latest.addLast(event);
      while (latest.size() > keep) {
        latest.removeFirst();
      }
    }
    if (data != null) {
      projection.apply(event);
    }
    live.onNext(event);
  }

  private static String pretty(String text) {
    try {
      JsonNode tree = PRETTY.readTree(text);
      return PRETTY.writeValueAsString(tree);
    } catch (Exception notJson) {
      return text;
    }
  }

  private void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}

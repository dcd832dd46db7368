package io.orogen.console.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orogen.console.state.FeedEvent;
import io.orogen.console.state.Projection;
import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.UnreadableRecordException;
import io.orogen.kit.text.Bounded;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every {@code orogen.*.events} topic from its beginning on start, through a SmallRye channel
 * with a consumer group of its own (a pattern subscription, so event topics of services added later
 * are found too): the console's state is rebuilt from the events (event-carried state) and needs no
 * other service. It keeps the latest events for the feed and tells subscribers about each new one.
 * A record it cannot read, or cannot fold into the picture, is kept and shown as unreadable.
 */
@ApplicationScoped
public class EventFeed {

  private static final Logger LOG = Logger.getLogger(EventFeed.class);
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final int keep;
  private final long keepBytes;
  private long bytes;
  private final Projection projection;
  private final Deque<FeedEvent> latest = new ArrayDeque<>();
  private final BroadcastProcessor<FeedEvent> live = BroadcastProcessor.create();
  private long seq;

  public EventFeed(
      @ConfigProperty(name = "orogen.console.events-kept", defaultValue = "5000") int keep,
      @ConfigProperty(name = "orogen.console.events-kept-bytes", defaultValue = "33554432")
          long keepBytes,
      Projection projection) {
    this.keep = keep;
    this.keepBytes = keepBytes;
    this.projection = projection;
  }

  @Incoming("events")
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    accept(record);
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

  private void accept(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(
          header.key(),
          header.value() == null
              ? ""
              : Bounded.text(new String(header.value(), StandardCharsets.UTF_8), 4096));
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
              Bounded.id(record.key()),
              time,
              record.topic(),
              record.partition(),
              record.offset(),
              headers,
              cut(pretty(text)),
              data);
      latest.addLast(event);
      bytes += event.weight();
      while (latest.size() > keep || (bytes > keepBytes && latest.size() > 1)) {
        bytes -= latest.removeFirst().weight();
      }
    }
    if (data != null) {
      try {
        projection.apply(event);
      } catch (RuntimeException e) {
        LOG.warnf(
            "event %s %s[%d]@%d does not fit the picture: %s",
            type, record.topic(), record.partition(), record.offset(), e.toString());
      }
    }
    live.onNext(event);
  }

  /** A record's text as kept for the feed: at most 256 K characters. */
  private static String cut(String text) {
    int max = 256 * 1024;
    return text.length() <= max
        ? text
        : text.substring(0, max) + "\n…(" + (text.length() - max) + " more characters)";
  }

  private static String pretty(String text) {
    try {
      JsonNode tree = PRETTY.readTree(text);
      return PRETTY.writeValueAsString(tree);
    } catch (Exception notJson) {
      return text;
    }
  }
}

package io.orogen.console.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.console.state.FeedEvent;
import io.orogen.console.state.Projection;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.Provider;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** A broken event is kept and shown, never fatal, and the feed's memory stays bounded. */
class EventFeedTest {

  static final URI SOURCE = URI.create("/tests/feed");

  @Test
  void anEventWithFieldsMissingIsShownAndTheFeedGoesOn() {
    Projection projection = new Projection();
    EventFeed feed = new EventFeed(100, 1_000_000, projection);
    feed.onRecord(
        record(
            CloudEventCodec.toRecord(
                CloudEvent.create(
                    SOURCE,
                    new ClusterAccepted("web", 3, "3.5.30", "3.5", Provider.AGENTS, "t")))));
    // A MemberReplaced without its member, and one that is not even JSON.
    ProducerRecord<String, byte[]> broken =
        CloudEventCodec.toRecord(
            CloudEvent.create(
                SOURCE,
                new io.orogen.events.cluster.MemberReplaced("web", "web-2", "node-2", null, null)));
    feed.onRecord(record(broken));
    ProducerRecord<String, byte[]> garbage =
        new ProducerRecord<>(
            Topics.CLUSTER_EVENTS, null, "web", "}{".getBytes(StandardCharsets.UTF_8), null);
    feed.onRecord(record(garbage));
    feed.onRecord(
        record(
            CloudEventCodec.toRecord(
                CloudEvent.create(
                    SOURCE,
                    new ClusterAccepted("api", 1, "3.5.30", "3.5", Provider.AGENTS, "u")))));

    assertThat(feed.latest(e -> true, 10)).hasSize(4);
    assertThat(feed.latest(e -> true, 10)).extracting(FeedEvent::summary).doesNotContainNull();
    assertThat(projection.cluster("api")).isPresent();
    assertThat(projection.cluster("web")).isPresent();
  }

  @Test
  void theFeedKeepsWithinItsBytes() {
    EventFeed feed = new EventFeed(5000, 200_000, new Projection());
    for (int i = 0; i < 100; i++) {
      ProducerRecord<String, byte[]> big =
          new ProducerRecord<>(
              Topics.CLUSTER_EVENTS,
              null,
              "web",
              ("\"" + "x".repeat(50_000) + "\"").getBytes(StandardCharsets.UTF_8),
              null);
      feed.onRecord(record(big));
    }
    assertThat(feed.latest(e -> true, 5000)).hasSizeLessThan(5);
  }

  private static ConsumerRecord<String, byte[]> record(ProducerRecord<String, byte[]> r) {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>(r.topic(), 0, 0L, r.key(), r.value());
    Headers headers = record.headers();
    if (r.headers() != null) {
      r.headers().forEach(h -> headers.add(h.key(), h.value()));
    }
    return record;
  }
}

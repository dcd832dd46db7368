package io.orogen.console.web;

import io.orogen.console.state.FeedEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * What the event feed shows: events of one cluster, of one type, from the last minutes; node
 * heartbeats only when asked for (one per node every few seconds would drown the rest).
 *
 * @param cluster a cluster's name, or empty for all
 * @param type an event name such as {@code MemberFailed}, or empty for all
 * @param minutes how far back, or 0 for everything kept
 * @param heartbeats whether to show {@code NodeHeartbeat}s
 */
public record FeedFilter(String cluster, String type, int minutes, boolean heartbeats)
    implements Predicate<FeedEvent> {

  public FeedFilter {
    cluster = cluster == null ? "" : cluster.trim();
    type = type == null ? "" : type.trim();
  }

  @Override
  public boolean test(FeedEvent event) {
    if (!heartbeats && event.name().equals("NodeHeartbeat")) {
      return false;
    }
    if (!cluster.isEmpty() && !cluster.equals(event.cluster())) {
      return false;
    }
    if (!type.isEmpty() && !type.equals(event.name())) {
      return false;
    }
    return minutes <= 0 || event.time().isAfter(Instant.now().minus(Duration.ofMinutes(minutes)));
  }

  /** The filter as a query string, for the live stream's URL. */
  public String query() {
    return "cluster="
        + encode(cluster)
        + "&type="
        + encode(type)
        + "&minutes="
        + minutes
        + "&heartbeats="
        + heartbeats;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

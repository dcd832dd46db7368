package io.orogen.console.state;

import io.orogen.events.Payload;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import java.time.Instant;
import java.util.Map;

/**
 * One record of an events topic as the console shows it.
 *
 * @param seq the console's own number for it, in arrival order
 * @param type the CloudEvents type, e.g. {@code io.orogen.cluster.ClusterReady.v1}
 * @param subject the aggregate id (cluster or node name)
 * @param time when its producer made it
 * @param topic, partition, offset where it is in Kafka
 * @param headers every record header, as text
 * @param json the record's value, pretty-printed when it is JSON
 * @param data the decoded payload, or null when the record could not be read
 */
public record FeedEvent(
    long seq,
    String type,
    String subject,
    Instant time,
    String topic,
    int partition,
    long offset,
    Map<String, String> headers,
    String json,
    Payload data) {

  /** {@code ClusterReady} for {@code io.orogen.cluster.ClusterReady.v1}. */
  public String name() {
    String[] parts = type.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] : type;
  }

  /** {@code cluster}, {@code node} … */
  public String domain() {
    String[] parts = topic.split("\\.");
    return parts.length >= 2 ? parts[1] : topic;
  }

  /** The time of day it happened, UTC, to the second. */
  public String clock() {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
        .withZone(java.time.ZoneOffset.UTC)
        .format(time);
  }

  public String id() {
    return headers.getOrDefault("ce_id", "");
  }

  /** About how many bytes of memory it takes: its text, twice (as JSON and as headers). */
  public long weight() {
    long headerBytes =
        headers.entrySet().stream()
            .mapToLong(h -> h.getKey().length() + h.getValue().length())
            .sum();
    return 2L * (json.length() + headerBytes) + 200;
  }

  /** The cluster the event is about, if any: its subject, or the cluster of a member's process. */
  public String cluster() {
    if (data instanceof MemberProcessStarted e) {
      return e.cluster();
    }
    if (data instanceof MemberProcessExited e) {
      return e.cluster();
    }
    if (data instanceof MemberDataRemoved e) {
      return e.cluster();
    }
    return domain().equals("cluster") ? subject : null;
  }

  /** One sentence on what happened. */
  public String summary() {
    if (data == null) {
      return "a record that is not a readable event of the contract";
    }
    try {
      return Summaries.of(data);
    } catch (RuntimeException e) {
      return "an event with fields missing or out of shape: " + e.getClass().getSimpleName();
    }
  }

  /** The icon that goes with {@link #tone()}: meaning is never told by colour alone. */
  public String icon() {
    return switch (tone()) {
      case "good" -> "●";
      case "warn" -> "▲";
      case "bad" -> "✕";
      default -> "○";
    };
  }

  /** For colour and icon: {@code bad}, {@code warn}, {@code good} or {@code info}. */
  public String tone() {
    return switch (name()) {
      case "ClusterReady", "MemberReplaced", "ClusterScaled", "ClusterDeleted" -> "good";
      case "MemberFailed", "ClusterDegraded", "MemberProcessExited" -> "warn";
      case "CommandRejected", "Unreadable" -> "bad";
      default -> "info";
    };
  }
}

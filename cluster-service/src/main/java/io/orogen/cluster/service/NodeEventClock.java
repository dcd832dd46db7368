package io.orogen.cluster.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The time node readiness is judged by. A node is lost when cluster-service has seen no heartbeat
 * of it for the node timeout; while the node-events consumer is behind (a flood of records, the
 * database away), heartbeats wait in the topic and every node would look lost. So while the
 * consumer is processing records older than a few seconds, readiness is judged as of the time of
 * the record it processed last (stream time), not now.
 */
@ApplicationScoped
public class NodeEventClock {

  /** Records older than this when processed mean the consumer is behind. */
  private static final Duration BEHIND = Duration.ofSeconds(3);

  private volatile Instant streamTime;
  private volatile boolean behind;

  /** The node-events consumer processed a record written at {@code recordTime}. */
  public void processed(Instant recordTime) {
    behind = recordTime.isBefore(Instant.now().minus(BEHIND));
    streamTime = recordTime;
  }

  /** Now, or the stream time while the consumer is behind. */
  public Instant now() {
    Instant stream = streamTime;
    return behind && stream != null ? stream : Instant.now();
  }
}

package io.orogen.cluster.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a node is ready for members: its agent's last heartbeat is younger than the node timeout.
 * A node that is not ready gets no new members, and a member on it that does not answer is lost.
 *
 * @param since a heartbeat at or before this instant is too old
 */
public record NodeReadiness(Instant since) {

  /** Readiness as of {@code now} for a node timeout of {@code timeout}. */
  public static NodeReadiness at(Instant now, Duration timeout) {
    return new NodeReadiness(now.minus(timeout));
  }

  public boolean ready(Instant lastSeen) {
    return lastSeen != null && lastSeen.isAfter(since);
  }
}

package io.orogen.nodeupdate.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The circuit breaker on reboots: after {@code threshold} failed or overdue reboots within {@code
 * window}, granting stops until an operator resumes it. Failures from before the last resume do not
 * count, so a resume is not undone by the failures that opened the circuit.
 */
public final class RebootBreaker {

  private RebootBreaker() {}

  /**
   * @param failures when each failed or overdue reboot was found to have failed
   * @param now the present
   * @param threshold how many failures open the circuit (at least 1)
   * @param window how far back failures count
   * @param resumedAt when an operator last resumed granting, or null
   */
  public static boolean open(
      Collection<Instant> failures,
      Instant now,
      int threshold,
      Duration window,
      Instant resumedAt) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
    }
    Instant since = now.minus(window);
    if (resumedAt != null && resumedAt.isAfter(since)) {
      since = resumedAt;
    }
    Instant from = since;
    long counted = failures.stream().filter(f -> f.isAfter(from) && !f.isAfter(now)).count();
    return counted >= threshold;
  }
}

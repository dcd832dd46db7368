package io.orogen.cluster.model;

import java.time.Duration;
import java.time.Instant;

/**
 * How often a member's process exited lately: exits within a window count together; an exit after
 * the window starts the count again.
 *
 * @param exits the exits counted since {@code since}
 * @param since when the first counted exit happened, or null when none is counted
 */
public record CrashLoop(int exits, Instant since) {

  /** The count after one more exit at {@code now}. */
  public CrashLoop exited(Instant now, Duration window) {
    boolean newWindow = since == null || since.isBefore(now.minus(window));
    return newWindow ? new CrashLoop(1, now) : new CrashLoop(exits + 1, since);
  }

  /** Whether the member exited at least {@code threshold} times in the window. */
  public boolean looping(int threshold) {
    return exits >= threshold;
  }
}

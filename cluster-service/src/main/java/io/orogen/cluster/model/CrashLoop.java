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

  /**
   * How long to wait before restarting a member in place after {@code inARow} exits in a row
   * without it answering once in between: nothing for the first {@code after - 1}, then {@code
   * first}, doubling with each exit, at most {@code max}. A member is always restarted; the wait
   * only keeps one that cannot start from spinning. A member that answered since its last exit
   * (killed from outside, say) is restarted at once, however often that happens.
   */
  public static Duration backOff(int inARow, int after, Duration first, Duration max) {
    if (inARow < after) {
      return Duration.ZERO;
    }
    Duration wait = first.multipliedBy(1L << Math.min(inARow - after, 30));
    return wait.compareTo(max) > 0 ? max : wait;
  }
}

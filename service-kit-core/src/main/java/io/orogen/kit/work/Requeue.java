package io.orogen.kit.work;

import java.time.Duration;

/**
 * When a {@link Reconciler} wants to run again for a key.
 *
 * @param after the delay, or null for "only when asked"
 */
public record Requeue(Duration after) {

  private static final Requeue DONE = new Requeue(null);

  public static Requeue after(Duration delay) {
    return new Requeue(delay);
  }

  public static Requeue done() {
    return DONE;
  }
}

package io.orogen.kit.retry;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries blocking work through transient failures (a database or broker that is away), waiting 200
 * ms, doubling to {@link #MAX_WAIT}, for as long as it takes: a command that arrives while
 * PostgreSQL is down is answered once it is back. A failure that is not transient is thrown at
 * once.
 */
public final class Retry {

  public static final Duration FIRST_WAIT = Duration.ofMillis(200);
  public static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(Retry.class);

  /** Thrown when the process stops while the work is still failing. */
  public static final class StoppedException extends RuntimeException {
    public StoppedException(String what, Throwable last) {
      super("stopped while retrying " + what, last);
    }
  }

  private final Lifecycle lifecycle;
  private final Predicate<Throwable> isTransient;

  public Retry(Lifecycle lifecycle, Predicate<Throwable> isTransient) {
    this.lifecycle = lifecycle;
    this.isTransient = isTransient;
  }

  /** {@code work}'s result, after as many attempts as transient failures take. */
  public <T> T run(String what, Supplier<T> work) {
    Duration wait = FIRST_WAIT;
    long since = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        T result = work.get();
        if (attempt > 1) {
          LOG.infof("%s succeeded after %d attempts", what, attempt);
        }
        return result;
      } catch (RuntimeException e) {
        if (!isTransient.test(e)) {
          throw e;
        }
        if (lifecycle.stopping()) {
          throw new StoppedException(what, e);
        }
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.warnf(
              "%s failed (%s); retrying for %d s so far",
              what, rootMessage(e), Duration.ofNanos(System.nanoTime() - since).toSeconds());
        }
        sleep(wait);
        wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
      }
    }
  }

  /** {@code failure}'s innermost cause, as a short line. */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoppedException("(interrupted)", e);
    }
  }
}

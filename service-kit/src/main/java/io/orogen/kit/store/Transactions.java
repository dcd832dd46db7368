package io.orogen.kit.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.OptimisticLockException;
import java.time.Duration;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;

/**
 * Transactions of Hibernate Reactive, for reactive callers ({@link #retrying}) and for blocking
 * workers ({@link #await}). A Hibernate Reactive session runs one query at a time: chain them.
 */
public final class Transactions {

  /** A bound: a transaction that hangs fails its caller instead of stopping it forever. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final int CONFLICT_ATTEMPTS = 5;

  private Transactions() {}

  /**
   * {@code work} in a transaction, tried again (up to 5 times) while it loses a race against a
   * concurrent change: an optimistic-locking conflict, or a unique key another transaction took
   * first (the next attempt sees that row).
   */
  public static <T> Uni<T> retrying(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(work))
        .onFailure(f -> isConflict(f) || DatabaseFailures.isUniqueViolation(f))
        .retry()
        .atMost(CONFLICT_ATTEMPTS);
  }

  /**
   * Runs {@code work} in a transaction from a worker thread, and waits for it (at most 30 s), with
   * the retries of {@link #retrying}.
   */
  public static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> retrying(work).ifNoItem().after(TIMEOUT).fail());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code failure} is a lost optimistic-locking race. */
  public static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}

package io.orogen.cluster.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.OptimisticLockException;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;

/** Retries a transaction that lost an optimistic-locking race against a concurrent change. */
public final class Conflicts {

  private Conflicts() {}

  /** {@code transaction} again, up to 5 times, while it fails on a concurrent change. */
  public static <T> Uni<T> retry(Supplier<Uni<? extends T>> transaction) {
    return Uni.createFrom()
        .<T>deferred(transaction)
        .onFailure(Conflicts::isConflict)
        .retry()
        .atMost(5);
  }

  static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
        return true;
      }
    }
    return false;
  }
}

package io.orogen.cluster.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs reactive persistence work in a transaction from a worker thread, and waits for it. */
public final class Transactions {

  /** A bound: a transaction that hangs fails its caller instead of stopping it forever. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Transactions() {}

  public static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> Panache.withTransaction(work).ifNoItem().after(TIMEOUT).fail());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}

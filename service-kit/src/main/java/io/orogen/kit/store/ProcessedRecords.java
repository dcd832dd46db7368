package io.orogen.kit.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The ids of the records a service processed, kept in the transaction of their effect: a record
 * delivered again, or handled by two instances during a rebalance, has one effect.
 */
@ApplicationScoped
public class ProcessedRecords {

  /**
   * Claims {@code id} in the caller's transaction: true when this is its first processing. A
   * concurrent claim of the same id waits for the other transaction and then answers false.
   */
  public Uni<Boolean> claim(String id) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO processed_record (id, processed_at) VALUES (:id, now())"
                            + " ON CONFLICT (id) DO NOTHING")
                    .setParameter("id", id)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /** Whether {@code id} was processed. */
  public Uni<Boolean> seen(String id) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery("SELECT count(*) FROM processed_record WHERE id = :id")
                    .setParameter("id", id)
                    .getSingleResult())
        .map(count -> ((Number) count).longValue() > 0);
  }

  /** Forgets ids processed longer ago than {@code retention}; returns how many. */
  public Uni<Integer> prune(Duration retention) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "DELETE FROM processed_record WHERE processed_at"
                            + " < now() - cast(:millis as bigint) * interval '1 millisecond'")
                    .setParameter("millis", retention.toMillis())
                    .executeUpdate());
  }
}

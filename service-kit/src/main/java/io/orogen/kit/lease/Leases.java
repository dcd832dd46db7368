package io.orogen.kit.lease;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Per-aggregate leases in the service's database: several instances share the work, and each
 * aggregate (a cluster, the outbox relay …) is acted on by one instance at a time. A lease ends
 * when its holder stops renewing it; the database's clock decides, so instances need not agree on
 * time.
 */
@ApplicationScoped
public class Leases {

  private static final String ACQUIRE =
      "INSERT INTO aggregate_lease (kind, id, owner, lease_until)"
          + " VALUES (:kind, :id, :owner, now() + cast(:millis as bigint) * interval '1 millisecond')"
          + " ON CONFLICT (kind, id) DO UPDATE"
          + " SET owner = excluded.owner, lease_until = excluded.lease_until"
          + " WHERE aggregate_lease.owner = excluded.owner OR aggregate_lease.lease_until < now()";

  private final String instance = UUID.randomUUID().toString();

  /** This instance's name as lease owner. */
  public String instance() {
    return instance;
  }

  /**
   * Takes or renews the lease on {@code kind}/{@code id} for {@code duration}, inside the caller's
   * transaction.
   *
   * @return whether this instance holds it afterwards
   */
  public Uni<Boolean> acquire(String kind, String id, Duration duration) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(ACQUIRE)
                    .setParameter("kind", kind)
                    .setParameter("id", id)
                    .setParameter("owner", instance)
                    .setParameter("millis", duration.toMillis())
                    .executeUpdate())
        .map(updated -> updated == 1);
  }

  /** Drops the lease of an aggregate that is gone, whoever holds it. */
  public Uni<Void> forget(String kind, String id) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "DELETE FROM aggregate_lease WHERE kind = :kind AND id = :id")
                    .setParameter("kind", kind)
                    .setParameter("id", id)
                    .executeUpdate())
        .replaceWithVoid();
  }
}

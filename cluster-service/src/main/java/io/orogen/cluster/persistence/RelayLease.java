package io.orogen.cluster.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** The one row saying which instance publishes the outbox, and until when. */
@Entity
@Table(name = "relay_lease")
public class RelayLease extends PanacheEntityBase {

  @Id public Integer id;

  public String owner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  /** Takes or renews the lease for {@code instance}; true when it holds it afterwards. */
  public static Uni<Boolean> acquire(String instance, Duration duration) {
    Instant now = Instant.now();
    return update(
            "owner = ?1, leaseUntil = ?2 where id = 1"
                + " and (owner is null or owner = ?1 or leaseUntil < ?3)",
            instance,
            now.plus(duration),
            now)
        .map(updated -> updated == 1);
  }
}

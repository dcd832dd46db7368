package io.orogen.backup.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One chunk of a cluster's delta snapshots: every change of revisions {@code from..to}. */
@Entity
@Table(name = "backup_delta")
@IdClass(DeltaEntity.Key.class)
public class DeltaEntity extends PanacheEntityBase {

  @Id public String cluster;

  @Id
  @Column(name = "from_revision")
  public long fromRevision;

  @Column(name = "to_revision")
  public long toRevision;

  @Column(name = "first_at")
  public Instant firstAt;

  @Column(name = "last_at")
  public Instant lastAt;

  /** How many revisions it holds. */
  public int changes;

  public String storage;

  public String location;

  @Column(name = "size_bytes")
  public long sizeBytes;

  public String sha256;

  /** The primary key. */
  public static class Key implements Serializable {
    public String cluster;
    public long fromRevision;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.fromRevision == fromRevision && k.cluster.equals(cluster);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cluster, fromRevision);
    }
  }
}

package io.orogen.backup.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Where the recording of a cluster's delta snapshots goes on. */
@Entity
@Table(name = "backup_delta_cursor")
public class DeltaCursorEntity extends PanacheEntityBase {

  @Id public String cluster;

  /** The next revision to record. */
  @Column(name = "next_revision")
  public long nextRevision;

  /** Every change until this time is recorded (revisions before {@code nextRevision}). */
  @Column(name = "covered_until")
  public Instant coveredUntil;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;
}

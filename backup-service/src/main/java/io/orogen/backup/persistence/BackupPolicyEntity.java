package io.orogen.backup.persistence;

import io.orogen.events.backup.QuorumLossRecovery;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A cluster's backup policy. */
@Entity
@Table(name = "backup_policy")
public class BackupPolicyEntity extends PanacheEntityBase {

  @Id public String cluster;

  /** The cron expression, or null for no scheduled backups. */
  public String schedule;

  public String storage;

  @Column(name = "keep_last")
  public Integer keepLast;

  public boolean tiered;

  /** How often delta snapshots are written, or null for none. */
  @Column(name = "delta_seconds")
  public Integer deltaSeconds;

  /** What is done when the cluster loses its quorum; null for off. */
  @Enumerated(EnumType.STRING)
  @Column(name = "quorum_loss_recovery")
  public QuorumLossRecovery quorumLossRecovery;

  /** One scheduled backup in this many is verified; null for every one. */
  @Column(name = "verify_every")
  public Integer verifyEvery;

  /** One scheduled backup in how many is verified (1: every one). */
  public int verifiesOneIn() {
    return verifyEvery == null ? 1 : verifyEvery;
  }

  /** When the next scheduled backup is due, or null. */
  @Column(name = "next_fire_at")
  public Instant nextFireAt;

  @Column(name = "last_fired_at")
  public Instant lastFiredAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** Two instances firing the same schedule: the second commit fails and sees it is not due. */
  @Version
  @Column(name = "row_version")
  public long rowVersion;
}

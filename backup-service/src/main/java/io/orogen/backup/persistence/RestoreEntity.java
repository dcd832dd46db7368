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

/** A restore of a backup into a new cluster. */
@Entity
@Table(name = "restore")
public class RestoreEntity extends PanacheEntityBase {

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  /** The operation id of the {@code RestoreCluster}. */
  @Id public String id;

  /** The cluster it creates. */
  public String cluster;

  @Column(name = "backup_id")
  public String backupId;

  @Column(name = "from_cluster")
  public String fromCluster;

  /** The revision it restores; null until a restore to a time has found it. */
  public Long revision;

  /** Whether cluster-service was asked for the cluster (a point-in-time backup is built first). */
  @Column(name = "cluster_requested")
  public boolean clusterRequested;

  /**
   * Whether it rolls an existing cluster back ({@code RestoreInPlace}) rather than creating one.
   */
  @Column(name = "in_place")
  public boolean inPlace;

  /** For a restore that brings back a lost quorum: from a survivor or a backup; else null. */
  @Enumerated(EnumType.STRING)
  public QuorumLossRecovery recovery;

  /** Whether the policy started it (quorum-loss recovery), not a command. */
  public boolean automatic;

  /** The etcd version asked for, or null for the backup's minor. */
  public String version;

  /** The new cluster's founding members. */
  public int size;

  /** Founding members that could not start from the artifact, one per line. */
  public String refused;

  /** RUNNING, COMPLETED or FAILED. */
  public String state;

  public String reason;

  @Column(name = "operation_id")
  public String operationId;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;
}

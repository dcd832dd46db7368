package io.orogen.cluster.persistence;

import io.orogen.cluster.model.ClusterPhase;
import io.orogen.events.RestoreFrom;
import io.orogen.events.cluster.Provider;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A managed cluster's desired spec and phase. */
@Entity
@Table(name = "cluster")
public class ClusterEntity extends PanacheEntityBase {

  @Id public String name;

  public UUID uid;

  /** The desired number of members. */
  public int size;

  /** The size before the scaling in progress, or null when the cluster is not being scaled. */
  @Column(name = "scaling_from")
  public Integer scalingFrom;

  /** The exact release. */
  public String version;

  @Column(name = "requested_version")
  public String requestedVersion;

  @Enumerated(EnumType.STRING)
  public Provider provider;

  @Enumerated(EnumType.STRING)
  public ClusterPhase phase;

  /** {@code --initial-cluster-token}: unique per incarnation of the name. */
  public String token;

  /** The correlation id of the operation in progress (create, delete …). */
  @Column(name = "operation_id")
  public String operationId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "ready_at")
  public Instant readyAt;

  /** The backup a restored cluster's founding members start from, or null for an empty one. */
  @Column(name = "restore_backup_id")
  public String restoreBackupId;

  @Column(name = "restore_url")
  public String restoreUrl;

  @Column(name = "restore_sha256")
  public String restoreSha256;

  @Column(name = "restore_revision")
  public Long restoreRevision;

  /**
   * Where a restore in place stands: {@code STOPPING} the members, {@code REMOVING} their data, or
   * null once they were started from the artifact (or when none runs).
   */
  @Column(name = "restore_stage")
  public String restoreStage;

  /** The member a leadership transfer hands leadership to, or null when none runs. */
  @Column(name = "leader_wanted")
  public String leaderWanted;

  /** The member that led when the transfer was asked for, or null if none was known. */
  @Column(name = "leader_from")
  public String leaderFrom;

  /** When the transfer was asked for. */
  @Column(name = "leader_wanted_at")
  public Instant leaderWantedAt;

  /** What a founding member restores its data from, if the cluster comes from a backup. */
  public RestoreFrom restoreFrom() {
    return restoreBackupId == null
        ? null
        : new RestoreFrom(restoreBackupId, restoreUrl, restoreSha256, restoreRevision);
  }

  /** Optimistic lock: a concurrent change makes the later transaction fail and retry. */
  @Version
  @Column(name = "row_version")
  public long rowVersion;
}

package io.orogen.backup.persistence;

import io.orogen.backup.model.BackupState;
import io.orogen.events.backup.BackupTrigger;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One backup of one cluster: requested, being taken, stored, failed or being deleted. */
@Entity
@Table(name = "backup")
public class BackupEntity extends PanacheEntityBase {

  @Id public String id;

  public String cluster;

  /** The incarnation of the cluster it was taken of. */
  @Column(name = "cluster_token")
  public String clusterToken;

  public String storage;

  @Enumerated(EnumType.STRING)
  public BackupTrigger trigger;

  @Enumerated(EnumType.STRING)
  public BackupState state;

  /** How many times taking it began. */
  public int attempts;

  /** The member the snapshot was streamed from. */
  public String member;

  public Long revision;

  @Column(name = "total_keys")
  public Long totalKeys;

  /** The keys at {@link #revision} on the member it was taken from. */
  @Column(name = "key_count")
  public Long keyCount;

  /** etcd's key-space hash at {@link #revision} on that member. */
  @Column(name = "hash_kv")
  public Long hashKv;

  /** {@code VERIFIED} or {@code CORRUPT} once checked; null before. */
  public String verification;

  @Column(name = "verified_at")
  public Instant verifiedAt;

  /** Why it is corrupt, or what the check found. */
  @Column(name = "verification_detail")
  public String verificationDetail;

  @Column(name = "etcd_version")
  public String etcdVersion;

  @Column(name = "size_bytes")
  public Long sizeBytes;

  /** Bytes streamed so far by the attempt in progress. */
  @Column(name = "bytes_done")
  public long bytesDone;

  public String sha256;

  /** Where the artifact is, once stored. */
  public String location;

  /** Why it is being deleted: {@code Requested} or {@code Retention}. */
  @Column(name = "delete_reason")
  public String deleteReason;

  /** The last attempt's failure. */
  public String failure;

  @Column(name = "operation_id")
  public String operationId;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "duration_millis")
  public Long durationMillis;

  /** A point-in-time backup's full snapshot it is built from. */
  @Column(name = "base_backup_id")
  public String baseBackupId;

  /** A point-in-time backup's target revision, when the restore named one. */
  @Column(name = "target_revision")
  public Long targetRevision;

  /** A point-in-time backup's target time, when the restore named one. */
  @Column(name = "target_time")
  public Instant targetTime;

  @Version
  @Column(name = "row_version")
  public long rowVersion;
}

package io.orogen.backup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** backup-service settings ({@code orogen.backup.*}). */
@ConfigMapping(prefix = "orogen.backup")
public interface BackupServiceConfig {

  /**
   * Where node agents reach this service to download artifacts for a restore ({@code
   * <url>/api/v1/backups/<id>/artifact}).
   */
  @WithDefault("http://localhost:${quarkus.http.port}")
  String advertisedUrl();

  /** The storage a backup goes to when its command names none. */
  @WithDefault("local")
  String defaultStorage();

  /**
   * The directory of the {@code local} storage (a filesystem); {@code <work-dir>/backups} when not
   * set. Instances that share the work of one database must share this directory too.
   */
  Optional<Path> localPath();

  /** An S3-compatible object store: the storage {@code s3}, there when its bucket is set. */
  S3 s3();

  /** The settings of the {@code s3} storage ({@code orogen.backup.s3.*}). */
  interface S3 {

    /** The bucket; without it there is no {@code s3} storage. */
    Optional<String> bucket();

    /** The endpoint of a store other than AWS, for example {@code http://minio:9000}. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** Prepended to every object's key, for example {@code orogen/}. */
    Optional<String> prefix();

    /** The access key; without it the AWS SDK's default credentials chain is used. */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Path-style addressing ({@code endpoint/bucket/key}), what most S3-compatible stores want. */
    @WithDefault("true")
    boolean pathStyle();

    /** The size of each part of an upload, in bytes: the memory one upload needs. */
    @WithDefault("8388608")
    int partSize();

    /** A request that gets no answer for this long fails (and the attempt with it). */
    @WithDefault("60s")
    Duration requestTimeout();
  }

  /** Where the service keeps scratch files (snapshot inspection) and, by default, its backups. */
  @WithDefault("${OROGEN_BACKUP_WORK_DIR:target/backup-service}")
  Path workDir();

  /**
   * The etcd releases used to inspect snapshots ({@code etcdutl}, or {@code etcdctl} for 3.4): the
   * directory itself, or one sub-directory per release.
   */
  @WithDefault("${OROGEN_BACKUP_ETCD_DIR:${OROGEN_AGENT_ETCD_DIR:/usr/bin}}")
  Path etcdDir();

  /**
   * Whether every completed backup is verified: restored into a scratch member on this host and
   * compared with what its cluster held at its revision.
   */
  @WithDefault("true")
  boolean verify();

  /** How many backups are taken at once. */
  @WithDefault("4")
  int workers();

  /** How long one instance holds a backup while taking it; renewed while the snapshot streams. */
  @WithDefault("30s")
  Duration leaseDuration();

  /** How often a backup is tried before it fails for good. */
  @WithDefault("3")
  int attempts();

  /** The wait before the second attempt; it doubles with each further one. */
  @WithDefault("2s")
  Duration retryFirst();

  /** A snapshot stream that sends nothing for this long is given up. */
  @WithDefault("60s")
  Duration streamIdleTimeout();

  /** How long to wait for one member's status over jetcd. */
  @WithDefault("2s")
  Duration probeTimeout();

  /** How often the backup policies' schedules are looked at: the precision of scheduled times. */
  @WithDefault("1s")
  Duration scheduleTick();

  /**
   * A chunk of delta snapshots is written once this many bytes of changes wait, even before the
   * policy's {@code deltaSeconds}; eight times as much waiting restarts the recording.
   */
  @WithDefault("8388608")
  int deltaChunkBytes();

  /**
   * How long a cluster may be without its quorum before its policy's {@code quorumLossRecovery}
   * restores it (members restarting, a node rebooting, usually bring it back sooner).
   */
  @WithDefault("60s")
  Duration quorumLossGrace();

  /** How often every unfinished backup is looked at, in case a request was missed. */
  @WithDefault("15s")
  Duration sweepInterval();
}

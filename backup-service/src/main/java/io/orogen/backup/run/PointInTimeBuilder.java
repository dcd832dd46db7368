package io.orogen.backup.run;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.etcd.ChangeReplay;
import io.orogen.backup.etcd.DeltaChunks;
import io.orogen.backup.etcd.ScratchMember;
import io.orogen.backup.etcd.SnapshotTool;
import io.orogen.backup.model.PointInTime;
import io.orogen.backup.model.SnapshotSource;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.DeltaEntity;
import io.orogen.backup.service.PointInTimeSources;
import io.orogen.backup.storage.SnapshotStore;
import io.orogen.backup.storage.SnapshotStores;
import io.orogen.kit.store.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds a cluster's data as of a point in time, as a scratch member to take a snapshot of.
 *
 * <ol>
 *   <li>Work out the plan again ({@link PointInTime}): the base full snapshot and the chunks.
 *   <li>Fetch the base, check its SHA-256, restore it into a scratch member and start it.
 *   <li>Replay the chunks onto it, each checked against its SHA-256 as it is read, one transaction
 *       per recorded revision, up to the target revision — or, for a time, up to the last change
 *       seen at or before it.
 * </ol>
 *
 * The caller streams the scratch member's snapshot like a live member's, then closes it.
 */
@ApplicationScoped
public class PointInTimeBuilder {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private final BackupServiceConfig config;
  private final SnapshotStores stores;
  private final SnapshotTool tool;

  public PointInTimeBuilder(BackupServiceConfig config, SnapshotStores stores, SnapshotTool tool) {
    this.config = config;
    this.stores = stores;
    this.tool = tool;
  }

  /**
   * The rebuilt data, served by a scratch member until closed.
   *
   * @param source the scratch member, as the source to stream the snapshot from
   * @param revision the revision it holds
   * @param replayed how many revisions were replayed onto the base
   */
  public record Built(
      SnapshotSource.Status source, long revision, long replayed, AutoCloseable member)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      member.close();
    }
  }

  /** The steps of the class comment for point-in-time backup {@code backup}. */
  public Built build(BackupEntity backup) throws IOException {
    PointInTime.Plan plan = Transactions.await(() -> PointInTimeSources.plan(backup));
    if (!(plan instanceof PointInTime.Replay replay)) {
      throw new IOException(
          "the point in time cannot be rebuilt: " + ((PointInTime.Refused) plan).reason());
    }
    BackupEntity base =
        Transactions.await(() -> BackupEntity.<BackupEntity>findById(replay.base().id()));
    if (base == null || base.location == null) {
      throw new IOException("its base backup " + replay.base().id() + " is gone");
    }
    Map<Long, DeltaEntity> chunks =
        Transactions.await(() -> DeltaEntity.<DeltaEntity>list("cluster = ?1", backup.cluster))
            .stream()
            .collect(Collectors.toMap(d -> d.fromRevision, Function.identity()));
    Path scratch = config.workDir().resolve("scratch");
    Files.createDirectories(scratch);
    SnapshotStore baseStore = stores.get(base.storage);
    Path file = baseStore.localFile(base.location, scratch);
    ScratchMember member;
    try {
      String sha256 = sha256(file);
      if (!sha256.equals(base.sha256)) {
        throw new IOException(
            "its base backup " + base.id + " is corrupt: its SHA-256 is " + sha256);
      }
      member =
          ScratchMember.restore(
              tool.release(base.etcdVersion), file, scratch.resolve("pit-" + backup.id));
    } finally {
      baseStore.release(base.location, file);
    }
    try {
      long replayed = replay(member, replay, chunks);
      return new Built(
          new SnapshotSource.Status(
              "point-in-time", member.clientUrl(), false, 0, base.etcdVersion),
          replayed,
          replayed - base.revision,
          member);
    } catch (IOException | RuntimeException e) {
      member.close();
      throw e;
    }
  }

  /** Step 3; answers the revision reached. */
  private long replay(ScratchMember member, PointInTime.Replay plan, Map<Long, DeltaEntity> chunks)
      throws IOException {
    try (ChangeReplay replay = connect(member)) {
      for (PointInTime.Chunk planned : plan.chunks()) {
        DeltaEntity chunk = chunks.get(planned.fromRevision());
        if (chunk == null) {
          throw new IOException("the chunk from revision " + planned.fromRevision() + " is gone");
        }
        MessageDigest digest = sha256();
        boolean[] reached = {false};
        try (InputStream in =
            new DigestInputStream(stores.get(chunk.storage).open(chunk.location), digest)) {
          DeltaChunks.read(
              in,
              change -> {
                if (beyond(plan, change.revision(), change.seenAt())) {
                  reached[0] = true;
                  return false;
                }
                replay.apply(change);
                return true;
              });
          if (!reached[0]) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equals(chunk.sha256)) {
              throw new IOException(
                  "the chunk " + chunk.location + " is corrupt: its SHA-256 is " + sha256);
            }
          }
        }
        if (reached[0]) {
          break;
        }
      }
      if (plan.revision() != null && replay.revision() != plan.revision()) {
        throw new IOException(
            "replaying reached revision " + replay.revision() + ", not " + plan.revision());
      }
      return replay.revision();
    }
  }

  private static boolean beyond(PointInTime.Replay plan, long revision, Instant seenAt) {
    return plan.revision() != null ? revision > plan.revision() : seenAt.isAfter(plan.time());
  }

  private static ChangeReplay connect(ScratchMember member) throws IOException {
    Instant deadline = Instant.now().plus(ANSWER_TIMEOUT);
    while (true) {
      try {
        return ChangeReplay.onto(member.clientUrl());
      } catch (IOException notYet) {
        if (!member.isAlive()) {
          throw new IOException("the member restored from the base exited: " + member.logTail());
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IOException("the member restored from the base did not answer", notYet);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
  }

  /** The SHA-256 of {@code file}, lower-case hex (verification reads artifacts back with it). */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

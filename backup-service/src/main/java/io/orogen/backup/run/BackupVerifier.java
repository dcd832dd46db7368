package io.orogen.backup.run;

import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.etcd.EtcdSnapshots;
import io.orogen.backup.etcd.ScratchMember;
import io.orogen.backup.etcd.SnapshotTool;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.storage.SnapshotStore;
import io.orogen.backup.storage.SnapshotStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Proves that a stored backup restores what was backed up.
 *
 * <ol>
 *   <li>Read the artifact back from storage and compare its SHA-256 with the recorded one.
 *   <li>Restore it with etcd's own tool into a scratch directory and start a one-member etcd on it,
 *       on loopback.
 *   <li>Compare its key count and key-space hash at the backup's revision with what the cluster's
 *       member held at that revision when the backup was taken.
 * </ol>
 *
 * Anything that differs makes the backup corrupt; a failure of this host (no etcd installed, the
 * storage away) is an error, tried again later.
 */
@ApplicationScoped
public class BackupVerifier {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  /** What the check found. */
  public sealed interface Verdict {}

  /** It restores what was backed up. */
  public record Verified(long keyCount, long hashKv, long durationMillis) implements Verdict {}

  /** It does not; {@code reason} says what differs. */
  public record Corrupt(String reason) implements Verdict {}

  private final BackupServiceConfig config;
  private final SnapshotStores stores;
  private final SnapshotTool tool;
  private final EtcdSnapshots etcd;

  public BackupVerifier(
      BackupServiceConfig config, SnapshotStores stores, SnapshotTool tool, EtcdSnapshots etcd) {
    this.config = config;
    this.stores = stores;
    this.tool = tool;
    this.etcd = etcd;
  }

  public Verdict verify(BackupEntity backup) throws IOException {
    Instant started = Instant.now();
    SnapshotStore store = stores.get(backup.storage);
    Path scratch = config.workDir().resolve("scratch");
    Files.createDirectories(scratch);
    Path file = store.localFile(backup.location, scratch);
    try {
      String sha256 = PointInTimeBuilder.sha256(file);
      if (!sha256.equals(backup.sha256)) {
        return new Corrupt(
            "checksum mismatch: the stored artifact's SHA-256 is "
                + sha256
                + ", the backup recorded "
                + backup.sha256);
      }
      try (ScratchMember member =
          ScratchMember.restore(
              tool.release(backup.etcdVersion), file, scratch.resolve("verify-" + backup.id))) {
        EtcdSnapshots.Contents contents = contentsOf(member, backup.revision);
        if (contents.keyCount() != backup.keyCount || contents.hashKv() != backup.hashKv) {
          return new Corrupt(
              "restored, it holds "
                  + contents.keyCount()
                  + " keys with hash "
                  + contents.hashKv()
                  + " at revision "
                  + backup.revision
                  + "; the cluster held "
                  + backup.keyCount
                  + " with hash "
                  + backup.hashKv);
        }
        return new Verified(
            contents.keyCount(),
            contents.hashKv(),
            Duration.between(started, Instant.now()).toMillis());
      } catch (ScratchMember.RestoreException e) {
        return new Corrupt(e.getMessage());
      }
    } finally {
      store.release(backup.location, file);
    }
  }

  /** Step 3, once the scratch member answers; a member that exits makes the backup corrupt. */
  private EtcdSnapshots.Contents contentsOf(ScratchMember member, long revision)
      throws IOException {
    Instant deadline = Instant.now().plus(ANSWER_TIMEOUT);
    while (true) {
      try {
        return etcd.contents(member.clientUrl(), revision);
      } catch (IOException notYet) {
        if (!member.isAlive()) {
          throw new ScratchMember.RestoreException(
              "the member restored from it exited: " + member.logTail());
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IOException(
              "the member restored from it did not answer in " + ANSWER_TIMEOUT.toSeconds() + " s");
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
}

package io.orogen.backup.etcd;

import io.orogen.kit.etcd.EtcdBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A one-member etcd on loopback, restored from a snapshot file into a scratch directory with etcd's
 * own tool: what verification reads a backup back with. Closing it stops the process and removes
 * the directory.
 */
public final class ScratchMember implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final String clientUrl;

  private ScratchMember(Process process, Path dir, String clientUrl) {
    this.process = process;
    this.dir = dir;
    this.clientUrl = clientUrl;
  }

  /**
   * Restores {@code snapshot} with {@code release}'s tool under {@code dir} (which must not exist)
   * and starts a member on it.
   *
   * @throws RestoreException when etcd's tool refuses the snapshot
   */
  public static ScratchMember restore(EtcdBinaries.Release release, Path snapshot, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    int[] ports = freePorts();
    String peer = "http://127.0.0.1:" + ports[0];
    String client = "http://127.0.0.1:" + ports[1];
    Path data = dir.resolve("data");
    Process restore =
        new ProcessBuilder(
                release.snapshotTool().toString(),
                "snapshot",
                "restore",
                snapshot.toString(),
                "--data-dir",
                data.toString(),
                "--name",
                "verify",
                "--initial-cluster",
                "verify=" + peer,
                "--initial-advertise-peer-urls",
                peer)
            .redirectErrorStream(true)
            .start();
    restore.getOutputStream().close();
    String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!restore.waitFor(5, TimeUnit.MINUTES) || restore.exitValue() != 0) {
        restore.destroyForcibly();
        delete(dir);
        throw new RestoreException(
            "etcd's snapshot restore refused it: " + SnapshotTool.lastLine(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      restore.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    Process etcd =
        new ProcessBuilder(
                release.etcd().toString(),
                "--name",
                "verify",
                "--data-dir",
                data.toString(),
                "--listen-client-urls",
                client,
                "--advertise-client-urls",
                client,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                "verify=" + peer)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("etcd.log").toFile())
            .start();
    etcd.getOutputStream().close();
    return new ScratchMember(etcd, dir, client);
  }

  /** Thrown when the snapshot itself cannot be restored. */
  public static final class RestoreException extends IOException {
    public RestoreException(String message) {
      super(message);
    }
  }

  public String clientUrl() {
    return clientUrl;
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The end of its log, for a failure's reason. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("etcd.log"));
      return lines.isEmpty() ? "" : SnapshotTool.lastLine(lines.get(lines.size() - 1));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] freePorts() throws IOException {
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      return new int[] {a.getLocalPort(), b.getLocalPort()};
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

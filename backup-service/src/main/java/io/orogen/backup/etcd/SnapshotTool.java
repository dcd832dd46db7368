package io.orogen.backup.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.kit.etcd.EtcdBinaries;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd's offline snapshot tool ({@code etcdutl}, or {@code etcdctl} for 3.4) on an artifact: what
 * revision and how many keys it holds, read from the artifact itself rather than assumed.
 */
@ApplicationScoped
public class SnapshotTool {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EtcdBinaries binaries;

  public SnapshotTool(BackupServiceConfig config) {
    this.binaries = EtcdBinaries.scan(config.etcdDir());
  }

  /**
   * What {@code snapshot status} says of a snapshot file.
   *
   * @param revision the revision it holds
   * @param totalKeys its keys, every revision counted
   * @param hash the tool's hash of its key space
   */
  public record Status(long revision, long totalKeys, long hash) {}

  /** The releases found, newest first; none means snapshots cannot be inspected. */
  public List<String> versions() {
    return binaries.versions();
  }

  /**
   * The release whose tools suit a snapshot of etcd {@code version}: the same minor, else the
   * newest.
   */
  public EtcdBinaries.Release release(String version) throws IOException {
    return binaries
        .closestTo(version)
        .orElseThrow(
            () -> new IOException("no etcd release is installed to inspect snapshots with"));
  }

  /**
   * {@code snapshot status} of {@code file}, with the tool of the release closest to {@code
   * version}.
   */
  public Status status(Path file, String version) throws IOException {
    EtcdBinaries.Release release = release(version);
    Process process =
        new ProcessBuilder(
                release.snapshotTool().toString(),
                "snapshot",
                "status",
                file.toString(),
                "--write-out=json")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(
            "snapshot status of " + file.getFileName() + " failed: " + lastLine(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    int start = out.indexOf('{');
    if (start < 0) {
      throw new IOException("snapshot status printed no JSON: " + lastLine(out));
    }
    JsonNode status = JSON.readTree(out.substring(start));
    return new Status(
        status.path("revision").asLong(),
        status.path("totalKey").asLong(),
        status.path("hash").asLong());
  }

  static String lastLine(String out) {
    String trimmed = out.strip();
    int newline = trimmed.lastIndexOf('\n');
    String line = newline < 0 ? trimmed : trimmed.substring(newline + 1);
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}

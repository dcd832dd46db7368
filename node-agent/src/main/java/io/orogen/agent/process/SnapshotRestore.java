package io.orogen.agent.process;

import io.orogen.agent.model.EtcdCommandLine;
import io.orogen.agent.model.MemberSpec;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.RestoreFrom;
import io.orogen.kit.command.CommandRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Gives a founding member of a restored cluster its data before its first start.
 *
 * <ol>
 *   <li>Download the artifact beside the member's data directory, computing its SHA-256 as it
 *       streams; a download that fails or differs from the expected checksum is tried again (3
 *       times), then refused and removed.
 *   <li>Restore it with etcd's offline tool into the data directory, as the member will run (its
 *       name, peers and cluster token).
 *   <li>Remove the download. Anything half-done is removed on failure, so a later start begins
 *       again from nothing.
 * </ol>
 */
final class SnapshotRestore {

  private static final Logger LOG = Logger.getLogger(SnapshotRestore.class);
  private static final int DOWNLOADS = 3;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private SnapshotRestore() {}

  static void restore(
      RestoreFrom from, MemberSpec spec, MemberDirectory dir, Path tool, String address) {
    Path download = dir.path().resolve("restore.db.partial");
    try {
      Files.createDirectories(dir.path());
      deleteTree(dir.dataDir());
      long downloading = System.nanoTime();
      downloadChecked(from, download);
      long restoring = System.nanoTime();
      List<String> command = EtcdCommandLine.restore(tool, spec, download, dir.dataDir(), address);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw refused(
            "etcd's snapshot restore of backup " + from.backupId() + " failed: " + last(out));
      }
      LOG.infof(
          "member %s restored from backup %s (revision %d): downloaded and checked in %d ms,"
              + " restored in %d ms",
          spec.key(),
          from.backupId(),
          from.revision(),
          TimeUnit.NANOSECONDS.toMillis(restoring - downloading),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoring));
    } catch (IOException e) {
      cleanUp(dir);
      throw refused("restoring backup " + from.backupId() + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cleanUp(dir);
      throw refused("restoring backup " + from.backupId() + " was interrupted");
    } catch (CommandRefusedException e) {
      cleanUp(dir);
      throw e;
    } finally {
      try {
        Files.deleteIfExists(download);
      } catch (IOException ignored) {
        // the next attempt overwrites it
      }
    }
  }

  /**
   * Downloads the artifact until its SHA-256 is the expected one, at most {@value #DOWNLOADS}
   * times: a connection cut midway is tried again; an artifact that keeps differing is refused.
   */
  private static void downloadChecked(RestoreFrom from, Path file)
      throws IOException, InterruptedException {
    String problem = null;
    for (int attempt = 1; attempt <= DOWNLOADS; attempt++) {
      try {
        String sha256 = download(from.url(), file);
        if (sha256.equals(from.sha256())) {
          return;
        }
        problem =
            "backup "
                + from.backupId()
                + " downloaded from "
                + from.url()
                + " has SHA-256 "
                + sha256
                + ", not "
                + from.sha256();
      } catch (IOException e) {
        problem = "downloading backup " + from.backupId() + " failed: " + e.getMessage();
      }
      LOG.warnf("%s (attempt %d of %d)", problem, attempt, DOWNLOADS);
      Thread.sleep(1000L * attempt);
    }
    throw refused(problem);
  }

  private static String download(String url, Path file) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException(url + " answered " + response.statusCode());
    }
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream body = new DigestInputStream(response.body(), sha256)) {
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void cleanUp(MemberDirectory dir) {
    try {
      deleteTree(dir.dataDir());
    } catch (IOException e) {
      LOG.warnf("removing a half-restored data directory failed: %s", e.getMessage());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static CommandRefusedException refused(String message) {
    return new CommandRefusedException(
        RejectionCode.INVALID_FIELD, message, List.of(new FieldError("restoreFrom", message)));
  }

  private static String last(String out) {
    String trimmed = out.strip();
    int newline = trimmed.lastIndexOf('\n');
    String line = newline < 0 ? trimmed : trimmed.substring(newline + 1);
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}

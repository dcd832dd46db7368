package io.orogen.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Artifacts as files under one directory. A write goes to a hidden {@code .<name>.<random>.partial}
 * file beside the artifact, is flushed to disk, and is then renamed into place atomically.
 */
public final class FileSnapshotStore implements SnapshotStore {

  private static final int BUFFER = 256 * 1024;
  private static final long PROGRESS_EVERY = 8L * 1024 * 1024;
  private static final String PARTIAL = ".partial";

  private final String name;
  private final Path root;

  public FileSnapshotStore(String name, Path root) {
    this.name = name;
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return name;
  }

  /** The directory the artifacts are in. */
  public Path root() {
    return root;
  }

  @Override
  public Stored write(String object, InputStream content, LongConsumer progress)
      throws IOException {
    Path target = resolve(object);
    Files.createDirectories(target.getParent());
    Path partial =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + PARTIAL);
    MessageDigest sha256 = sha256();
    long written = 0;
    try (FileChannel channel =
        FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256);
      byte[] buffer = new byte[BUFFER];
      long reported = 0;
      for (int n; (n = content.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        written += n;
        if (written - reported >= PROGRESS_EVERY) {
          progress.accept(written);
          reported = written;
        }
      }
      out.flush();
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(
        partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    progress.accept(written);
    return new Stored(
        target.toUri().toString(), written, HexFormat.of().formatHex(sha256.digest()));
  }

  @Override
  public void discardPartial(String object) throws IOException {
    Path target = resolve(object);
    if (!Files.isDirectory(target.getParent())) {
      return;
    }
    String prefix = "." + target.getFileName() + ".";
    try (DirectoryStream<Path> partials =
        Files.newDirectoryStream(
            target.getParent(),
            p -> {
              String file = p.getFileName().toString();
              return file.startsWith(prefix) && file.endsWith(PARTIAL);
            })) {
      for (Path partial : partials) {
        Files.deleteIfExists(partial);
      }
    }
  }

  @Override
  public Optional<Path> file(String location) {
    return Optional.of(pathOf(location));
  }

  @Override
  public InputStream open(String location) throws IOException {
    return Files.newInputStream(pathOf(location));
  }

  @Override
  public Path localFile(String location, Path scratch) {
    return pathOf(location);
  }

  @Override
  public void release(String location, Path localFile) {
    // the artifact itself: nothing to remove
  }

  @Override
  public void delete(String location) throws IOException {
    Files.deleteIfExists(pathOf(location));
  }

  /** The file of a location this store gave; another store's location is refused. */
  Path pathOf(String location) {
    Path file = Path.of(URI.create(location)).toAbsolutePath().normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException(location + " is not in storage " + name);
    }
    return file;
  }

  private Path resolve(String object) {
    Path target = root.resolve(object).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IllegalArgumentException("artifact name outside the storage: " + object);
    }
    return target;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

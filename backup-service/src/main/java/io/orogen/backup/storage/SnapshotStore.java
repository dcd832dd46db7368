package io.orogen.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where backup artifacts are kept. A write is whole or absent: an artifact that is still being
 * written, or whose writer died, never looks complete and is removed by the next attempt.
 */
public interface SnapshotStore {

  /**
   * What a write stored.
   *
   * @param location where it is ({@code file:} or {@code s3:} URI)
   * @param sizeBytes its size
   * @param sha256 its SHA-256, computed while it streamed, lower-case hex
   */
  record Stored(String location, long sizeBytes, String sha256) {}

  /** The storage's name, as commands name it. */
  String name();

  /**
   * Streams {@code content} into the artifact {@code object} (for example {@code
   * orders/orders-20261203-112501-3f2a.db}); only once all of it is written and flushed does the
   * artifact appear under its name.
   *
   * @param progress hears the bytes written so far, now and then
   */
  Stored write(String object, InputStream content, LongConsumer progress) throws IOException;

  /** Removes what unfinished writes of {@code object} left behind. */
  void discardPartial(String object) throws IOException;

  /** The artifact as a local file, when it is one (sent with the OS' zero-copy file transfer). */
  default Optional<Path> file(String location) {
    return Optional.empty();
  }

  /** Reads the artifact at {@code location}. */
  InputStream open(String location) throws IOException;

  /**
   * A file holding the artifact, for etcd's tools: the artifact itself when it is a local file,
   * else a copy in {@code scratch} (the caller removes it with {@link #release}).
   */
  Path localFile(String location, Path scratch) throws IOException;

  /** Removes a copy {@link #localFile} made; leaves the artifact itself alone. */
  void release(String location, Path localFile) throws IOException;

  /** Removes the artifact; one that is not there is gone already. */
  void delete(String location) throws IOException;
}

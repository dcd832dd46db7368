package io.orogen.agent.process;

import io.orogen.agent.model.MemberSpec;
import io.orogen.events.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A member's files under the data root: {@code members/<cluster>/<member>/} holds {@code
 * member.json} (its spec), {@code data/} (etcd's data directory), {@code etcd.log} and {@code pid}.
 * They outlive the agent, which is how a restarted agent finds its members again.
 */
final class MemberDirectory {

  private static final int TAIL_BYTES = 64 * 1024;

  private final Path dir;

  MemberDirectory(Path dataRoot, String cluster, String member) {
    this.dir = dataRoot.resolve("members").resolve(cluster).resolve(member);
  }

  /** Every member directory under {@code dataRoot} that has a spec. */
  static List<MemberDirectory> all(Path dataRoot) {
    Path members = dataRoot.resolve("members");
    if (!Files.isDirectory(members)) {
      return List.of();
    }
    List<MemberDirectory> found = new ArrayList<>();
    try (Stream<Path> specs = Files.find(members, 3, (p, a) -> p.endsWith("member.json"))) {
      specs
          .sorted()
          .forEach(
              spec -> {
                Path memberDir = spec.getParent();
                found.add(
                    new MemberDirectory(
                        dataRoot,
                        memberDir.getParent().getFileName().toString(),
                        memberDir.getFileName().toString()));
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  Path path() {
    return dir;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  Path log() {
    return dir.resolve("etcd.log");
  }

  /** Whether etcd's data ({@code data/member}) is still there. */
  boolean hasData() {
    return Files.isDirectory(dataDir().resolve("member"));
  }

  Optional<MemberSpec> readSpec() {
    Path file = dir.resolve("member.json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ContractJson.mapper().readValue(file.toFile(), MemberSpec.class));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + file, e);
    }
  }

  void writeSpec(MemberSpec spec) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("member.json.tmp");
      ContractJson.mapper().writeValue(tmp.toFile(), spec);
      Files.move(tmp, dir.resolve("member.json"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  OptionalLong readPid() {
    try {
      Path file = dir.resolve("pid");
      return Files.exists(file)
          ? OptionalLong.of(Long.parseLong(Files.readString(file).trim()))
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  void writePid(long pid) {
    try {
      Files.writeString(dir.resolve("pid"), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of the member's log, read from its last 64 KB only. */
  List<String> logTail(int lines) {
    try (FileChannel log = FileChannel.open(log(), StandardOpenOption.READ)) {
      long size = log.size();
      int read = (int) Math.min(size, TAIL_BYTES);
      ByteBuffer tail = ByteBuffer.allocate(read);
      log.read(tail, size - read);
      List<String> all =
          new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).lines().toList();
      if (read < size && !all.isEmpty()) {
        all = all.subList(1, all.size()); // the first line is cut
      }
      return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of("(log unreadable: " + e.getMessage() + ")");
    }
  }

  /**
   * Keeps the log under {@code maxBytes}: a longer one is copied to {@code etcd.log.1} and emptied
   * in place (etcd appends to it, so it goes on writing at the new end).
   *
   * @return whether it was cut
   */
  boolean capLog(long maxBytes) {
    try {
      if (!Files.exists(log()) || Files.size(log()) <= maxBytes) {
        return false;
      }
      Files.copy(log(), dir.resolve("etcd.log.1"), StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel log = FileChannel.open(log(), StandardOpenOption.WRITE)) {
        log.truncate(0);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes the member's directory: spec, data, log. */
  void delete() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}

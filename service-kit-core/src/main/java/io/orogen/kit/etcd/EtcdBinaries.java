package io.orogen.kit.etcd;

import io.orogen.events.EtcdVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The etcd releases installed in a directory (the directory itself, or one sub-directory per
 * release), each identified by {@code etcd --version}: what node agents run members with and what
 * backup-service restores and inspects snapshots with.
 */
public final class EtcdBinaries {

  private static final String VERSION_LINE = "etcd Version: ";

  private final Map<String, Release> releases;

  private EtcdBinaries(Map<String, Release> releases) {
    this.releases = releases;
  }

  /**
   * One installed release.
   *
   * @param version its exact version
   * @param dir the directory holding {@code etcd}, {@code etcdctl} and (from 3.5) {@code etcdutl}
   */
  public record Release(EtcdVersion version, Path dir) {

    public Path etcd() {
      return dir.resolve("etcd");
    }

    public Path etcdctl() {
      return dir.resolve("etcdctl");
    }

    /**
     * The offline snapshot tool: {@code etcdutl} from 3.5, {@code etcdctl} (whose {@code snapshot
     * status|restore} it took over) before.
     */
    public Path snapshotTool() {
      Path etcdutl = dir.resolve("etcdutl");
      return Files.isExecutable(etcdutl) ? etcdutl : etcdctl();
    }
  }

  /** Scans {@code dir}; a missing directory has no releases. */
  public static EtcdBinaries scan(Path dir) {
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      candidates.add(dir);
      try (Stream<Path> children = Files.list(dir)) {
        children
            .filter(Files::isDirectory)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<Release> found = new ArrayList<>();
    for (Path candidate : candidates) {
      Path etcd = candidate.resolve("etcd");
      if (Files.isRegularFile(etcd) && Files.isExecutable(etcd)) {
        versionOf(etcd).ifPresent(v -> found.add(new Release(v, candidate)));
      }
    }
    Map<String, Release> byVersion = new LinkedHashMap<>();
    found.stream()
        .sorted(Comparator.comparing(Release::version).reversed())
        .forEach(r -> byVersion.putIfAbsent(r.version().toString(), r));
    return new EtcdBinaries(byVersion);
  }

  /** The versions, newest first. */
  public List<String> versions() {
    return List.copyOf(releases.keySet());
  }

  /** The release of exactly {@code version}, if installed. */
  public Optional<Release> release(String version) {
    return Optional.ofNullable(releases.get(version));
  }

  /** The newest installed release of the same minor as {@code version}, else the newest. */
  public Optional<Release> closestTo(String version) {
    Optional<EtcdVersion> wanted = EtcdVersion.tryFind(version == null ? "" : version);
    return releases.values().stream()
        .filter(
            r ->
                wanted.isEmpty()
                    || (r.version().major() == wanted.get().major()
                        && r.version().minor() == wanted.get().minor()))
        .findFirst()
        .or(() -> releases.values().stream().findFirst());
  }

  private static Optional<EtcdVersion> versionOf(Path etcd) {
    try {
      Process process = new ProcessBuilder(etcd.toString(), "--version").start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      int at = out.indexOf(VERSION_LINE);
      return at < 0
          ? Optional.empty()
          : EtcdVersion.tryFind(out.substring(at + VERSION_LINE.length()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

package io.orogen.agent.process;

import io.orogen.agent.config.AgentConfig;
import io.orogen.events.EtcdVersion;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The etcd releases installed on this host: found under {@code orogen.agent.etcd-dir} (the
 * directory itself, or one sub-directory per release) and identified by {@code etcd --version}.
 */
@ApplicationScoped
public class EtcdReleases {

  private static final String VERSION_LINE = "etcd Version: ";

  private final Map<String, Path> binaries;

  public EtcdReleases(AgentConfig config) {
    this.binaries = scan(config.etcdDir());
  }

  /** The releases, newest first. */
  public List<String> versions() {
    return List.copyOf(binaries.keySet());
  }

  /** The {@code etcd} binary of {@code version}, if installed. */
  public Optional<Path> etcd(String version) {
    return Optional.ofNullable(binaries.get(version));
  }

  static Map<String, Path> scan(Path dir) {
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
        releaseOf(etcd).ifPresent(found::add);
      }
    }
    Map<String, Path> byVersion = new LinkedHashMap<>();
    found.stream()
        .sorted(Comparator.comparing(Release::version).reversed())
        .forEach(r -> byVersion.putIfAbsent(r.version().toString(), r.etcd()));
    return byVersion;
  }

  private record Release(EtcdVersion version, Path etcd) {}

  private static Optional<Release> releaseOf(Path etcd) {
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
          : EtcdVersion.tryFind(out.substring(at + VERSION_LINE.length()))
              .map(version -> new Release(version, etcd));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

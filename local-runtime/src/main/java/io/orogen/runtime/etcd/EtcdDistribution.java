package io.orogen.runtime.etcd;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The etcd releases this machine can run, found on disk and never hard-coded.
 *
 * <p>Where they come from:
 *
 * <ol>
 *   <li>{@code OROGEN_ETCD_DIR}, when set: a directory holding {@code etcd} (and {@code etcdctl})
 *       itself, or one sub-directory per release. Nothing is downloaded.
 *   <li>Otherwise the per-user cache ({@code $OROGEN_CACHE_DIR}, else {@code
 *       $XDG_CACHE_HOME/orogen}, else {@code ~/.cache/orogen}) under {@code etcd/}, filled on first
 *       use by {@link DebianEtcdFetcher} with every release Debian's archive ships.
 * </ol>
 */
public final class EtcdDistribution {

  public static final String DIR_ENV = "OROGEN_ETCD_DIR";
  public static final String CACHE_ENV = "OROGEN_CACHE_DIR";

  private final Path root;
  private final List<EtcdInstall> installs;

  EtcdDistribution(Path root, List<EtcdInstall> installs) {
    this.root = root;
    this.installs =
        installs.stream().sorted(Comparator.comparing(EtcdInstall::version).reversed()).toList();
  }

  /** The releases available here, fetching Debian's into the cache if there are none yet. */
  public static synchronized EtcdDistribution discover() {
    String configured = System.getenv(DIR_ENV);
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      List<EtcdInstall> found = scan(dir);
      if (found.isEmpty()) {
        throw new IllegalStateException(
            DIR_ENV
                + "="
                + dir
                + " holds no etcd binaries: put an executable 'etcd' and 'etcdctl' in it, or in"
                + " one sub-directory per release (for example "
                + dir.resolve("3.5.16/etcd")
                + ")");
      }
      return new EtcdDistribution(dir, found);
    }
    Path cache = cacheDirectory().resolve("etcd");
    List<EtcdInstall> cached = scan(cache);
    if (cached.isEmpty()) {
      new DebianEtcdFetcher(cache).fetch();
      cached = scan(cache);
      if (cached.isEmpty()) {
        throw new IllegalStateException(
            "no etcd release could be fetched into "
                + cache
                + "; set "
                + DIR_ENV
                + " to a directory with etcd binaries");
      }
    }
    return new EtcdDistribution(cache, cached);
  }

  /** The per-user cache directory of Orogen. */
  public static Path cacheDirectory() {
    String configured = System.getenv(CACHE_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home(), ".cache");
    return base.resolve("orogen");
  }

  /** The directory holding the releases: what a node agent's {@code etcd-dir} points at. */
  public Path root() {
    return root;
  }

  /** Every release, newest first. */
  public List<EtcdInstall> installs() {
    return installs;
  }

  public EtcdInstall newest() {
    return installs.get(0);
  }

  public EtcdInstall oldest() {
    return installs.get(installs.size() - 1);
  }

  /**
   * The release {@code spec} names: {@code newest}, {@code oldest}, an exact {@code 3.5.16}, or
   * {@code 3.5} for the newest 3.5.x.
   */
  public EtcdInstall resolve(String spec) {
    return switch (spec) {
      case "newest" -> newest();
      case "oldest" -> oldest();
      default ->
          installs.stream()
              .filter(i -> i.version().matches(spec))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no etcd " + spec + " here; available: " + versions()));
    };
  }

  /** The releases as strings, newest first. */
  public List<String> versions() {
    return installs.stream().map(i -> i.version().toString()).toList();
  }

  /** Finds etcd binaries in {@code dir} and its direct sub-directories, one per release. */
  static List<EtcdInstall> scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> candidates = new ArrayList<>();
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
    Map<EtcdVersion, EtcdInstall> byVersion = new LinkedHashMap<>();
    for (Path candidate : candidates) {
      Path etcd = candidate.resolve("etcd");
      if (Files.isRegularFile(etcd) && Files.isExecutable(etcd)) {
        EtcdVersion version = versionOf(etcd);
        byVersion.putIfAbsent(version, new EtcdInstall(version, candidate));
      }
    }
    return List.copyOf(byVersion.values());
  }

  /** Runs {@code etcd --version} and reads the release from its first line. */
  static EtcdVersion versionOf(Path etcd) {
    try {
      Process process = new ProcessBuilder(etcd.toString(), "--version").start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(etcd + " --version did not answer");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      String line = text.lines().filter(l -> l.startsWith("etcd Version")).findFirst().orElse(text);
      return EtcdVersion.find(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + etcd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String home() {
    return System.getProperty("user.home");
  }
}

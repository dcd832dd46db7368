package io.orogen.runtime.etcd;

import io.orogen.events.EtcdVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Fetches every etcd release Debian's archive ships into a cache directory, without root and
 * without installing anything system-wide.
 *
 * <ol>
 *   <li>Write a private {@code sources.list} naming each suite ({@code OROGEN_ETCD_SUITES}, default
 *       {@code bookworm trixie forky sid}) and run {@code apt-get update} against private lists,
 *       cache and status files.
 *   <li>Ask {@code apt-cache madison etcd-server} which package versions the suites have.
 *   <li>For each distinct upstream release, {@code apt-get download} {@code etcd-server} and {@code
 *       etcd-client} of that version and unpack them with {@code dpkg -x}.
 *   <li>Move {@code etcd}, {@code etcdctl} and {@code etcdutl} to {@code <cache>/<release>/}, check
 *       that {@code etcd --version} reports that release, and drop the packages.
 * </ol>
 *
 * A file lock on the cache keeps two JVMs from fetching at once.
 */
final class DebianEtcdFetcher {

  static final String SUITES_ENV = "OROGEN_ETCD_SUITES";
  private static final String DEFAULT_SUITES = "bookworm trixie forky sid";
  private static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
  private static final Logger LOG = Logger.getLogger(DebianEtcdFetcher.class.getName());

  private final Path cache;
  private final Path apt;

  DebianEtcdFetcher(Path cache) {
    this.cache = cache;
    this.apt = cache.resolve("apt");
  }

  void fetch() {
    try {
      Files.createDirectories(cache);
      try (FileChannel channel =
              FileChannel.open(
                  cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (!EtcdDistribution.scan(cache).isEmpty()) {
          return; // another process fetched while we waited for the lock
        }
        fetchLocked();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch etcd into " + cache, e);
    }
  }

  private void fetchLocked() throws IOException {
    requireTool("apt-get");
    requireTool("dpkg");
    if (!Files.isReadable(Path.of(KEYRING))) {
      throw new IllegalStateException(
          KEYRING
              + " is missing: install the debian-archive-keyring package, or set "
              + EtcdDistribution.DIR_ENV
              + " to a directory with etcd binaries");
    }
    List<String> suites = suites();
    LOG.info("Fetching etcd releases from Debian " + suites + " into " + cache);
    Files.createDirectories(apt.resolve("lists/partial"));
    Files.createDirectories(apt.resolve("cache/archives/partial"));
    Path status = apt.resolve("status");
    if (!Files.exists(status)) {
      Files.createFile(status);
    }
    StringBuilder sources = new StringBuilder();
    for (String suite : suites) {
      sources
          .append("deb [signed-by=")
          .append(KEYRING)
          .append("] http://deb.debian.org/debian ")
          .append(suite)
          .append(" main\n");
    }
    Files.writeString(apt.resolve("sources.list"), sources.toString());

    run(apt, aptCommand("apt-get", "update"));
    Map<EtcdVersion, String> packageVersions = new LinkedHashMap<>();
    for (String line : run(apt, aptCommand("apt-cache", "madison", "etcd-server")).split("\n")) {
      // etcd-server |   3.5.16-4 | http://deb.debian.org/debian trixie/main amd64 Packages
      String[] columns = line.split("\\|");
      if (columns.length >= 2 && columns[0].trim().equals("etcd-server")) {
        String packageVersion = columns[1].trim();
        packageVersions.putIfAbsent(EtcdVersion.find(packageVersion), packageVersion);
      }
    }
    if (packageVersions.isEmpty()) {
      throw new IllegalStateException("Debian " + suites + " lists no etcd-server package");
    }

    Path downloads = Files.createDirectories(apt.resolve("downloads"));
    for (Map.Entry<EtcdVersion, String> entry : packageVersions.entrySet()) {
      install(entry.getKey(), entry.getValue(), downloads);
    }
    deleteTree(downloads);
  }

  private void install(EtcdVersion version, String packageVersion, Path downloads)
      throws IOException {
    Path work = Files.createDirectories(downloads.resolve(version.toString()));
    run(
        work,
        aptCommand(
            "apt-get",
            "download",
            "etcd-server=" + packageVersion,
            "etcd-client=" + packageVersion));
    Path unpacked = Files.createDirectories(work.resolve("root"));
    try (Stream<Path> debs = Files.list(work)) {
      for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
        run(work, List.of("dpkg", "-x", deb.toString(), unpacked.toString()));
      }
    }
    Path staging = Files.createDirectories(cache.resolve("." + version + ".partial"));
    for (String binary : List.of("etcd", "etcdctl", "etcdutl")) {
      Path source = unpacked.resolve("usr/bin").resolve(binary);
      if (Files.exists(source)) {
        Files.move(source, staging.resolve(binary), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    EtcdVersion reported = EtcdDistribution.versionOf(staging.resolve("etcd"));
    if (!reported.equals(version)) {
      throw new IllegalStateException(
          "Debian's etcd-server " + packageVersion + " reports version " + reported);
    }
    // The release appears in the cache whole or not at all.
    Files.move(staging, cache.resolve(version.toString()), StandardCopyOption.ATOMIC_MOVE);
    LOG.info("etcd " + version + " (Debian " + packageVersion + ") is in " + cache);
  }

  private List<String> aptCommand(String tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(tool);
    for (String option :
        List.of(
            "Dir::Etc::SourceList=" + apt.resolve("sources.list"),
            "Dir::Etc::SourceParts=" + apt.resolve("sources.list.d"),
            "Dir::State::Lists=" + apt.resolve("lists"),
            "Dir::Cache=" + apt.resolve("cache"),
            "Dir::State::Status=" + apt.resolve("status"),
            "Debug::NoLocking=1",
            "APT::Sandbox::User=" + System.getProperty("user.name"))) {
      command.add("-o");
      command.add(option);
    }
    command.addAll(Arrays.asList(args));
    return command;
  }

  private static List<String> suites() {
    String configured = System.getenv(SUITES_ENV);
    String suites = configured == null || configured.isBlank() ? DEFAULT_SUITES : configured;
    return Arrays.stream(suites.trim().split("[\\s,]+")).toList();
  }

  private static void requireTool(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return;
      }
    }
    throw new IllegalStateException(
        tool
            + " is not on PATH: fetching etcd needs Debian's apt tools; on other systems set "
            + EtcdDistribution.DIR_ENV
            + " to a directory with etcd binaries");
  }

  private static String run(Path dir, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command.subList(0, 1))
                + " "
                + command.get(command.size() - 1)
                + " failed:\n"
                + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return output;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

package io.orogen.testing;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What tests do with the managed etcd clusters: find their members' processes, write a key, read it
 * back.
 */
public final class EtcdKeys {

  private EtcdKeys() {}

  /** The etcd processes of {@code cluster}'s members on this machine. */
  public static List<ProcessHandle> processes(String cluster) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/etcd"))
        .filter(p -> p.info().commandLine().orElse("").contains("--name=" + cluster + "-"))
        .toList();
  }

  public static void put(List<String> endpoints, String key, String value) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      etcd.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }
  }

  /** How many keys named {@code key} there are (0 or 1), read from {@code endpoints}. */
  public static long count(List<String> endpoints, String key) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      return etcd.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getCount();
    }
  }

  /** The value of {@code key}, retrying while members start or catch up. */
  public static String get(List<String> endpoints, String key) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      for (int attempt = 0; ; attempt++) {
        try {
          return etcd.getKVClient()
              .get(bytes(key))
              .get(10, TimeUnit.SECONDS)
              .getKvs()
              .get(0)
              .getValue()
              .toString(StandardCharsets.UTF_8);
        } catch (Exception notYet) {
          if (attempt > 50) {
            throw notYet;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /**
   * The keys under {@code prefix} and their values as of {@code revision} (0: now), retrying while
   * members start.
   */
  public static java.util.SortedMap<String, String> prefix(
      List<String> endpoints, String prefix, long revision) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      for (int attempt = 0; ; attempt++) {
        try {
          java.util.SortedMap<String, String> keys = new java.util.TreeMap<>();
          etcd.getKVClient()
              .get(
                  bytes(prefix),
                  io.etcd.jetcd.options.GetOption.builder()
                      .isPrefix(true)
                      .withRevision(revision)
                      .build())
              .get(10, TimeUnit.SECONDS)
              .getKvs()
              .forEach(
                  kv ->
                      keys.put(
                          kv.getKey().toString(StandardCharsets.UTF_8),
                          kv.getValue().toString(StandardCharsets.UTF_8)));
          return keys;
        } catch (Exception notYet) {
          if (attempt > 50) {
            throw notYet;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /** Puts {@code key}; answers the revision the put made. */
  public static long putRevision(List<String> endpoints, String key, String value)
      throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      return etcd.getKVClient()
          .put(bytes(key), bytes(value))
          .get(10, TimeUnit.SECONDS)
          .getHeader()
          .getRevision();
    }
  }

  /** Deletes {@code key}; answers the revision the delete made. */
  public static long deleteRevision(List<String> endpoints, String key) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      return etcd.getKVClient()
          .delete(bytes(key))
          .get(10, TimeUnit.SECONDS)
          .getHeader()
          .getRevision();
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  /**
   * Takes a member's data away the way a lost disk does: deletes its data directory (as {@code
   * MemberProcessStarted} names it) and kills its process.
   */
  public static void loseData(String dataDir, long pid) throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Path.of(dataDir);
    if (java.nio.file.Files.exists(dir)) {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
        for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.deleteIfExists(file);
        }
      }
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }
}

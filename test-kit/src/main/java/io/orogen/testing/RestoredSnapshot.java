package io.orogen.testing;

import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.etcd.EtcdInstall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a test does with a backup artifact to prove it restores: etcd's own tool restores it into a
 * fresh data directory, a one-member etcd starts on it, and keys are read back.
 */
public final class RestoredSnapshot {

  private RestoredSnapshot() {}

  /** The value of {@code key} in {@code snapshot}, restored with etcd {@code version}'s tool. */
  public static String read(Path snapshot, String version, String key) throws Exception {
    return with(snapshot, version, urls -> EtcdKeys.get(urls, key));
  }

  /** The keys under {@code prefix} in {@code snapshot} and their values. */
  public static java.util.SortedMap<String, String> readPrefix(
      Path snapshot, String version, String prefix) throws Exception {
    return with(snapshot, version, urls -> EtcdKeys.prefix(urls, prefix, 0));
  }

  private interface Reader<T> {
    T read(List<String> urls) throws Exception;
  }

  private static <T> T with(Path snapshot, String version, Reader<T> reader) throws Exception {
    EtcdInstall install = EtcdDistribution.discover().resolve(version);
    Path dir = WorkDirectory.newInstance("restored");
    Path dataDir = dir.resolve("data");
    int client = FreePorts.take();
    String peer = "http://127.0.0.1:" + FreePorts.take();
    Path tool = install.etcdutl().orElse(install.etcdctl());
    Process restore =
        new ProcessBuilder(
                tool.toString(),
                "snapshot",
                "restore",
                snapshot.toString(),
                "--data-dir",
                dataDir.toString(),
                "--name",
                "restored",
                "--initial-cluster",
                "restored=" + peer,
                "--initial-advertise-peer-urls",
                peer)
            .redirectErrorStream(true)
            .start();
    String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (restore.waitFor() != 0) {
      throw new IllegalStateException("snapshot restore failed: " + out);
    }
    String url = "http://127.0.0.1:" + client;
    Process etcd =
        new ProcessBuilder(
                install.etcd().toString(),
                "--name",
                "restored",
                "--data-dir",
                dataDir.toString(),
                "--listen-client-urls",
                url,
                "--advertise-client-urls",
                url,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                "restored=" + peer)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("etcd.log").toFile())
            .start();
    try {
      return reader.read(List.of(url));
    } finally {
      etcd.destroy();
      if (!etcd.waitFor(20, TimeUnit.SECONDS)) {
        etcd.destroyForcibly();
      }
    }
  }
}

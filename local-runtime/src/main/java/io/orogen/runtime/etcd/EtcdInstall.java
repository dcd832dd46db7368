package io.orogen.runtime.etcd;

import io.orogen.events.EtcdVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The binaries of one etcd release in one directory.
 *
 * @param version the release, as {@code etcd --version} reports it
 * @param directory the directory holding {@code etcd}, {@code etcdctl} and, from 3.5, {@code
 *     etcdutl}
 */
public record EtcdInstall(EtcdVersion version, Path directory) {

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path etcdctl() {
    return directory.resolve("etcdctl");
  }

  /** {@code etcdutl}, which 3.4 does not have (it restores snapshots with {@code etcdctl}). */
  public Optional<Path> etcdutl() {
    Path etcdutl = directory.resolve("etcdutl");
    return Files.isExecutable(etcdutl) ? Optional.of(etcdutl) : Optional.empty();
  }
}

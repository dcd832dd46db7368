package io.orogen.agent.process;

import io.orogen.agent.config.AgentConfig;
import io.orogen.kit.etcd.EtcdBinaries;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The etcd releases installed on this host, under {@code orogen.agent.etcd-dir}. */
@ApplicationScoped
public class EtcdReleases {

  private final EtcdBinaries binaries;

  public EtcdReleases(AgentConfig config) {
    this.binaries = EtcdBinaries.scan(config.etcdDir());
  }

  /** The releases, newest first. */
  public List<String> versions() {
    return binaries.versions();
  }

  /**
   * The offline snapshot tool of {@code version} ({@code etcdutl}, or {@code etcdctl}), if
   * installed.
   */
  public Optional<Path> snapshotTool(String version) {
    return binaries.release(version).map(EtcdBinaries.Release::snapshotTool);
  }

  /** The {@code etcd} binary of {@code version}, if installed. */
  public Optional<Path> etcd(String version) {
    return binaries.release(version).map(EtcdBinaries.Release::etcd);
  }
}

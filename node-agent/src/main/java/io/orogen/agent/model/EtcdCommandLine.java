package io.orogen.agent.model;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The etcd command line of a member: desired state, nothing else. */
public final class EtcdCommandLine {

  private EtcdCommandLine() {}

  /**
   * The arguments that run {@code spec} with {@code etcd}, its data in {@code dataDir}, reachable
   * at {@code address}.
   */
  public static List<String> of(Path etcd, MemberSpec spec, Path dataDir, String address) {
    String peerUrl = url(address, spec.peerPort());
    String clientUrl = url(address, spec.clientPort());
    String initialCluster =
        spec.initialCluster().entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    return List.of(
        etcd.toString(),
        "--name=" + spec.member(),
        "--data-dir=" + dataDir,
        "--listen-client-urls=" + clientUrl,
        "--advertise-client-urls=" + clientUrl,
        "--listen-peer-urls=" + peerUrl,
        "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=" + initialCluster,
        "--initial-cluster-token=" + spec.clusterToken(),
        "--initial-cluster-state=" + spec.initialClusterState().name().toLowerCase(),
        "--logger=zap");
  }

  public static String url(String address, int port) {
    return "http://" + address + ":" + port;
  }
}

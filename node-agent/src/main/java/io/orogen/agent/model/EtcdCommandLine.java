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
    String initialCluster = initialCluster(spec);
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

  /**
   * The arguments that restore {@code snapshot} into {@code dataDir} as {@code spec}'s data, with
   * etcd's offline tool ({@code etcdutl}, or {@code etcdctl} for 3.4): the member's name, its peers
   * and its cluster token, as it will run.
   */
  public static List<String> restore(
      Path tool, MemberSpec spec, Path snapshot, Path dataDir, String address) {
    return List.of(
        tool.toString(),
        "snapshot",
        "restore",
        snapshot.toString(),
        "--name=" + spec.member(),
        "--data-dir=" + dataDir,
        "--initial-cluster=" + initialCluster(spec),
        "--initial-cluster-token=" + spec.clusterToken(),
        "--initial-advertise-peer-urls=" + url(address, spec.peerPort()));
  }

  private static String initialCluster(MemberSpec spec) {
    return spec.initialCluster().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  public static String url(String address, int port) {
    return "http://" + address + ":" + port;
  }
}

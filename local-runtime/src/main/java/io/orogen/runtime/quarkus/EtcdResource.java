package io.orogen.runtime.quarkus;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdCluster;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.etcd.EtcdInstall;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real etcd cluster for a {@code @QuarkusTest}. Init args: {@code members} (default 3), {@code
 * version} ({@code newest}, {@code oldest}, {@code 3.5} or an exact release; default {@code
 * newest}) and {@code property} (default {@code orogen.etcd.endpoints}), which is set to the
 * comma-separated client URLs; {@code <property>-version} is set to the release.
 */
public class EtcdResource implements QuarkusTestResourceLifecycleManager {

  private int members = 3;
  private String version = "newest";
  private String property = "orogen.etcd.endpoints";
  private EtcdCluster cluster;

  @Override
  public void init(Map<String, String> initArgs) {
    members = Integer.parseInt(initArgs.getOrDefault("members", String.valueOf(members)));
    version = initArgs.getOrDefault("version", version);
    property = initArgs.getOrDefault("property", property);
  }

  @Override
  public Map<String, String> start() {
    EtcdInstall install = EtcdDistribution.discover().resolve(version);
    cluster = EtcdCluster.start(install, members, WorkDirectory.newInstance("etcd"));
    return Map.of(
        property, cluster.endpoints(), property + "-version", install.version().toString());
  }

  @Override
  public void stop() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}

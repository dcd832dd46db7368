package io.orogen.runtime.quarkus;

import io.orogen.runtime.etcd.EtcdDistribution;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The etcd releases of this machine (fetched on first use) for a {@code @QuarkusTest} that starts
 * etcd itself, such as the node agent's: sets {@code property} (default {@code
 * orogen.agent.etcd-dir}) to the directory holding them. Starts no process.
 */
public class EtcdBinariesResource implements QuarkusTestResourceLifecycleManager {

  private String property = "orogen.agent.etcd-dir";

  @Override
  public void init(Map<String, String> initArgs) {
    property = initArgs.getOrDefault("property", property);
  }

  @Override
  public Map<String, String> start() {
    return Map.of(property, EtcdDistribution.discover().root().toString());
  }

  @Override
  public void stop() {
    // nothing runs
  }
}

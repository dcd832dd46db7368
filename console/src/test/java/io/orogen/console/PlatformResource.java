package io.orogen.console;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.services.QuarkusAppProcess;
import io.orogen.testing.TestPlatform;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real platform the console runs against in its tests: Kafka, PostgreSQL, cluster-service,
 * backup-service and four node agents, each its own process (a three-member cluster has a node to
 * move a member to).
 */
public class PlatformResource implements QuarkusTestResourceLifecycleManager {

  public static final int AGENTS = 4;

  /** cluster-service, for the test that stops it. */
  static QuarkusAppProcess clusterService;

  private TestPlatform platform;

  @Override
  public Map<String, String> start() {
    platform = TestPlatform.start(Path.of(".."));
    clusterService = platform.startClusterService();
    String service = clusterService.url();
    for (int i = 1; i <= AGENTS; i++) {
      platform.startAgent(i, WorkDirectory.newInstance("node-" + i), 26000);
    }
    String backups = platform.startBackupService("backup-service", Map.of()).url();
    String upgrades =
        platform
            .startUpgradeService("upgrade-service", Map.of("OROGEN_UPGRADE_SETTLE", "1s"))
            .url();
    return Map.of(
        "kafka.bootstrap.servers",
        platform.kafka(),
        "orogen.console.cluster-service-url",
        service,
        "orogen.console.backup-service-url",
        backups,
        "orogen.console.upgrade-service-url",
        upgrades);
  }

  @Override
  public void stop() {
    if (platform != null) {
      platform.close();
    }
  }
}

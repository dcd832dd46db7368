package io.orogen.cluster.it;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.postgres.LocalPostgres;
import io.orogen.testing.TestPlatform;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * What cluster-service runs against: a real Kafka broker, PostgreSQL, and four real node agents
 * (the packaged {@code node-agent}, each its own process with its own data root and port range)
 * standing for four hosts: a three-member cluster has a free node to move a member to.
 */
public class PlatformResource implements QuarkusTestResourceLifecycleManager {

  public static final int AGENTS = 4;

  private TestPlatform platform;
  private int agents = AGENTS;

  /** Init arg {@code agents}: how many node agents to start (default {@value #AGENTS}). */
  @Override
  public void init(Map<String, String> initArgs) {
    agents = Integer.parseInt(initArgs.getOrDefault("agents", String.valueOf(AGENTS)));
  }

  @Override
  public Map<String, String> start() {
    platform = TestPlatform.start(Path.of(".."));
    for (int i = 1; i <= agents; i++) {
      platform.startAgent(i, WorkDirectory.newInstance("node-" + i), 23000);
    }
    return Map.of(
        "kafka.bootstrap.servers", platform.kafka(),
        "quarkus.datasource.reactive.url", platform.postgres().reactiveUrl("cluster"),
        "quarkus.datasource.jdbc.url", platform.postgres().jdbcUrl("cluster"),
        "quarkus.datasource.username", LocalPostgres.USER,
        "quarkus.datasource.password", LocalPostgres.PASSWORD);
  }

  @Override
  public void stop() {
    if (platform != null) {
      platform.close();
    }
  }
}

package io.orogen.agent.process;

import io.orogen.agent.config.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Agent settings for tests that run the supervisor without Quarkus. */
record TestAgentConfig(String nodeName, Path dataRoot, Path etcdDir, int portRangeFirst)
    implements AgentConfig {

  @Override
  public long maxLogBytes() {
    return 16 * 1024 * 1024;
  }

  @Override
  public Map<String, String> labels() {
    return Map.of("zone", "test");
  }

  @Override
  public String address() {
    return "127.0.0.1";
  }

  @Override
  public int portRangeLast() {
    return portRangeFirst + 99;
  }

  @Override
  public int maxMembers() {
    return 4;
  }

  @Override
  public Duration heartbeatInterval() {
    return Duration.ofSeconds(5);
  }

  @Override
  public Duration stopGracePeriod() {
    return Duration.ofSeconds(20);
  }

  @Override
  public Optional<String> bootId() {
    return Optional.of("test-boot");
  }
}

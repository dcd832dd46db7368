package io.orogen.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOrderTest {

  @Test
  void followersFirstTheLeaderLast() {
    assertThat(RunOrder.of(List.of("a-3", "a-1", "a-2"), "a-1"))
        .containsExactly("a-2", "a-3", "a-1");
    assertThat(RunOrder.of(List.of("a-2", "a-1"), null)).containsExactly("a-1", "a-2");
  }

  @Test
  void anEstimateTakesTheLongestRecentMemberOrTheDefault() {
    Duration backup = Duration.ofSeconds(30);
    assertThat(Estimate.of(List.of(), 3, backup, Duration.ofSeconds(60)))
        .isEqualTo(Duration.ofSeconds(210));
    assertThat(
            Estimate.of(List.of(12_000L, 20_000L, 9_000L), 3, Duration.ZERO, Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofSeconds(60));
  }
}

package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashLoopTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(5);

  @Test
  void exitsWithinTheWindowCountTogether() {
    CrashLoop loop = new CrashLoop(0, null).exited(T0, WINDOW);
    loop = loop.exited(T0.plusSeconds(60), WINDOW).exited(T0.plusSeconds(120), WINDOW);
    assertThat(loop).isEqualTo(new CrashLoop(3, T0));
    assertThat(loop.looping(3)).isTrue();
  }

  @Test
  void anExitAfterTheWindowStartsAgain() {
    CrashLoop loop = new CrashLoop(2, T0).exited(T0.plus(WINDOW).plusSeconds(1), WINDOW);
    assertThat(loop.exits()).isEqualTo(1);
    assertThat(loop.looping(3)).isFalse();
  }

  @Test
  void restartsWaitOnlyOnceItKeepsExitingAndNeverLongerThanTheCap() {
    Duration first = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(1);
    assertThat(CrashLoop.backOff(2, 3, first, max)).isZero();
    assertThat(CrashLoop.backOff(3, 3, first, max)).isEqualTo(Duration.ofSeconds(1));
    assertThat(CrashLoop.backOff(4, 3, first, max)).isEqualTo(Duration.ofSeconds(2));
    assertThat(CrashLoop.backOff(8, 3, first, max)).isEqualTo(Duration.ofSeconds(32));
    assertThat(CrashLoop.backOff(9, 3, first, max)).isEqualTo(max);
    assertThat(CrashLoop.backOff(500, 3, first, max)).isEqualTo(max);
  }
}

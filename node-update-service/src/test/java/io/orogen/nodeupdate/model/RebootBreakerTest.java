package io.orogen.nodeupdate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebootBreakerTest {

  static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void opensAtTheThresholdWithinTheWindow() {
    List<Instant> two = List.of(NOW.minusSeconds(600), NOW.minusSeconds(60));
    assertThat(RebootBreaker.open(two, NOW, 3, HOUR, null)).isFalse();
    List<Instant> three = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(600), NOW);
    assertThat(RebootBreaker.open(three, NOW, 3, HOUR, null)).isTrue();
  }

  @Test
  void failuresOutsideTheWindowDoNotCount() {
    List<Instant> old = List.of(NOW.minus(Duration.ofHours(2)), NOW.minusSeconds(3601), NOW);
    assertThat(RebootBreaker.open(old, NOW, 2, HOUR, null)).isFalse();
  }

  @Test
  void aResumeForgetsTheFailuresBeforeIt() {
    List<Instant> three =
        List.of(NOW.minusSeconds(900), NOW.minusSeconds(600), NOW.minusSeconds(300));
    assertThat(RebootBreaker.open(three, NOW, 3, HOUR, null)).isTrue();
    assertThat(RebootBreaker.open(three, NOW, 3, HOUR, NOW.minusSeconds(700))).isFalse();
    assertThat(RebootBreaker.open(three, NOW, 3, HOUR, NOW.minusSeconds(1000))).isTrue();
  }

  @Test
  void aThresholdBelowOneIsAMistake() {
    assertThatThrownBy(() -> RebootBreaker.open(List.of(), NOW, 0, HOUR, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.orogen.backup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void fiveFieldsAreCrontabInUtc() {
    CronSchedule hourly = CronSchedule.parse("15 * * * *");
    assertThat(hourly.nextAfter(Instant.parse("2026-12-03T10:20:00Z")))
        .hasValue(Instant.parse("2026-12-03T11:15:00Z"));
    assertThat(CronSchedule.parse("0 2 * * 0").nextAfter(Instant.parse("2026-12-03T10:00:00Z")))
        .hasValue(Instant.parse("2026-12-06T02:00:00Z"));
  }

  @Test
  void sixFieldsHaveSecondsFirst() {
    assertThat(CronSchedule.parse("*/5 * * * * *").nextAfter(Instant.parse("2026-12-03T10:00:01Z")))
        .hasValue(Instant.parse("2026-12-03T10:00:05Z"));
  }

  @Test
  void aNextTimeIsStrictlyLater() {
    assertThat(CronSchedule.parse("0 * * * *").nextAfter(Instant.parse("2026-12-03T10:00:00Z")))
        .hasValue(Instant.parse("2026-12-03T11:00:00Z"));
  }

  @Test
  void whatDoesNotParseSaysWhy() {
    assertThatThrownBy(() -> CronSchedule.parse("every hour")).hasMessageContaining("has 2 fields");
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *"))
        .hasMessageStartingWith("does not parse");
    assertThatThrownBy(() -> CronSchedule.parse("* * * * * * * *"))
        .hasMessageContaining("8 fields");
  }
}

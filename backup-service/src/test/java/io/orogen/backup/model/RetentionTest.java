package io.orogen.backup.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void keepLastKeepsTheNewest() {
    List<Retention.Kept> backups = every(Duration.ofMinutes(10), 6);
    assertThat(new Retention(2, false).expired(backups, NOW))
        .containsExactlyInAnyOrder("b2", "b3", "b4", "b5");
  }

  @Test
  void noRuleKeepsEverything() {
    assertThat(new Retention(null, false).expired(every(Duration.ofHours(1), 50), NOW)).isEmpty();
  }

  @Test
  void theNewestIsAlwaysKept() {
    List<Retention.Kept> old = List.of(new Retention.Kept("old", NOW.minus(Duration.ofDays(90))));
    assertThat(new Retention(null, true).expired(old, NOW)).isEmpty();
  }

  @Test
  void tiersKeepTheLastHourThenOnePerHourDayAndWeek() {
    // One backup every 15 minutes for 40 days.
    List<Retention.Kept> backups = every(Duration.ofMinutes(15), 40 * 24 * 4);
    List<String> kept = new ArrayList<>();
    var expired = new Retention(null, true).expired(backups, NOW);
    backups.stream().filter(b -> !expired.contains(b.id())).forEach(b -> kept.add(b.id()));
    // The last hour: the backups at now, -15, -30, -45 min; then ~23 hourly, ~6 daily, ~3 weekly.
    assertThat(kept).contains("b0", "b1", "b2", "b3");
    assertThat(kept.size()).isBetween(4 + 22, 4 + 24 + 7 + 5);
    assertThat(backups.stream().filter(b -> kept.contains(b.id())).map(Retention.Kept::at))
        .allMatch(at -> at.isAfter(NOW.minus(Duration.ofDays(28))));
  }

  @Test
  void keepLastAndTiersTogetherKeepWhatEitherKeeps() {
    List<Retention.Kept> backups = every(Duration.ofDays(1), 60);
    var tiered = new Retention(null, true).expired(backups, NOW);
    var both = new Retention(40, true).expired(backups, NOW);
    assertThat(both).hasSize(20);
    assertThat(tiered).containsAll(both);
  }

  /** {@code count} backups, {@code b0} at {@link #NOW}, each next one {@code step} older. */
  private static List<Retention.Kept> every(Duration step, int count) {
    List<Retention.Kept> backups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      backups.add(new Retention.Kept("b" + i, NOW.minus(step.multipliedBy(i))));
    }
    return backups;
  }
}

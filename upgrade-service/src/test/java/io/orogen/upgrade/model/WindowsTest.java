package io.orogen.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.upgrade.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {

  // 2026-12-05 is a Saturday.
  static final MaintenanceWindow SATURDAY_NIGHT =
      new MaintenanceWindow(List.of(DayOfWeek.SATURDAY), "23:00", 120, "Europe/Berlin");

  @Test
  void aWindowThatCrossesMidnightIsOpenOnTheNextDayToo() {
    // 23:30 and 00:30 Berlin (UTC+1) on Saturday night.
    assertThat(Windows.openAt(List.of(SATURDAY_NIGHT), Instant.parse("2026-12-05T22:30:00Z")))
        .isPresent();
    assertThat(Windows.openAt(List.of(SATURDAY_NIGHT), Instant.parse("2026-12-05T23:30:00Z")))
        .isPresent();
    assertThat(Windows.openAt(List.of(SATURDAY_NIGHT), Instant.parse("2026-12-06T00:00:00Z")))
        .isEmpty();
    assertThat(Windows.openAt(List.of(SATURDAY_NIGHT), Instant.parse("2026-12-04T22:30:00Z")))
        .isEmpty();
  }

  @Test
  void aRunThatWouldOverrunIsNotStartedAndTheNextFittingWindowIsNamed() {
    Instant late = Instant.parse("2026-12-05T23:30:00Z"); // 00:30 Berlin: 30 minutes left
    assertThat(Windows.fits(List.of(SATURDAY_NIGHT), late, Duration.ofMinutes(20))).isTrue();
    assertThat(Windows.fits(List.of(SATURDAY_NIGHT), late, Duration.ofMinutes(45))).isFalse();
    assertThat(Windows.nextFit(List.of(SATURDAY_NIGHT), late, Duration.ofMinutes(45)))
        .contains(Instant.parse("2026-12-12T22:00:00Z"));
    assertThat(Windows.nextFit(List.of(SATURDAY_NIGHT), late, Duration.ofHours(3))).isEmpty();
  }

  @Test
  void windowsFollowTheirOwnZoneAcrossClockChanges() {
    MaintenanceWindow newYork =
        new MaintenanceWindow(List.of(DayOfWeek.SUNDAY), "02:30", 60, "America/New_York");
    // 2027-03-14: clocks jump from 02:00 to 03:00 in New York; 02:30 becomes 03:30 EDT (07:30 UTC).
    assertThat(Windows.openAt(List.of(newYork), Instant.parse("2027-03-14T07:10:00Z"))).isEmpty();
    assertThat(Windows.openAt(List.of(newYork), Instant.parse("2027-03-14T07:40:00Z"))).isPresent();
    // A week earlier it opens at 02:30 EST = 07:30 UTC.
    assertThat(Windows.openAt(List.of(newYork), Instant.parse("2027-03-07T07:40:00Z"))).isPresent();
    assertThat(Windows.zone("Mars/Olympus")).isEmpty();
  }
}

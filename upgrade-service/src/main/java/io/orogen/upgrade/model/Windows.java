package io.orogen.upgrade.model;

import io.orogen.events.upgrade.MaintenanceWindow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Weekly maintenance windows in their own time zones. A window that crosses midnight belongs to the
 * day it opens on; on a day a clock change skips the opening time, it opens as much later as the
 * clock jumped (02:30 becomes 03:30).
 */
public final class Windows {

  private Windows() {}

  /** One opening of a window: from {@code start} to {@code end}. */
  public record Opening(Instant start, Instant end) {
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** The time zone of a window, or empty when {@code zone} is not an IANA zone id. */
  public static Optional<ZoneId> zone(String zone) {
    try {
      return Optional.of(ZoneId.of(zone));
    } catch (DateTimeException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** The openings of {@code window} that overlap the week around {@code t}. */
  static List<Opening> openingsAround(MaintenanceWindow window, Instant t) {
    ZoneId zone = zone(window.zone()).orElseThrow();
    LocalTime start = LocalTime.parse(window.start());
    LocalDate today = t.atZone(zone).toLocalDate();
    List<Opening> openings = new ArrayList<>();
    Duration length = Duration.ofMinutes(window.durationMinutes());
    for (int d = -8; d <= 8; d++) {
      LocalDate day = today.plusDays(d);
      if (window.days().contains(day.getDayOfWeek())) {
        Instant open = ZonedDateTime.of(day, start, zone).toInstant();
        openings.add(new Opening(open, open.plus(length)));
      }
    }
    return openings;
  }

  /** The opening of one of {@code windows} that {@code t} is in, if any. */
  public static Optional<Opening> openAt(List<MaintenanceWindow> windows, Instant t) {
    return windows.stream()
        .flatMap(w -> openingsAround(w, t).stream())
        .filter(o -> o.contains(t))
        .max((a, b) -> a.end().compareTo(b.end()));
  }

  /**
   * Whether a run of {@code length} started at {@code t} ends inside a window open at {@code t}.
   */
  public static boolean fits(List<MaintenanceWindow> windows, Instant t, Duration length) {
    return openAt(windows, t).filter(o -> !t.plus(length).isAfter(o.end())).isPresent();
  }

  /**
   * The earliest moment at or after {@code t} when a run of {@code length} can start and still end
   * inside the window it starts in (within four weeks), if there is one.
   */
  public static Optional<Instant> nextFit(
      List<MaintenanceWindow> windows, Instant t, Duration length) {
    if (fits(windows, t, length)) {
      return Optional.of(t);
    }
    Instant horizon = t.plus(Duration.ofDays(28));
    Optional<Instant> best = Optional.empty();
    for (MaintenanceWindow window : windows) {
      for (Instant around = t; around.isBefore(horizon); around = around.plus(Duration.ofDays(7))) {
        for (Opening o : openingsAround(window, around)) {
          if (!o.start().isBefore(t)
              && !o.start().plus(length).isAfter(o.end())
              && (best.isEmpty() || o.start().isBefore(best.get()))) {
            best = Optional.of(o.start());
          }
        }
      }
    }
    return best;
  }
}

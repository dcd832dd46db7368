package io.orogen.backup.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which scheduled backups a policy keeps, like etcd-druid's exponential garbage collection.
 *
 * <ol>
 *   <li>The newest backup is always kept.
 *   <li>{@code keepLast}: the newest N are kept.
 *   <li>{@code tiered}: every backup of the last hour is kept; then the newest of each hour for a
 *       day, of each day for a week, and of each week for four weeks.
 *   <li>A backup no rule keeps has expired. A policy with neither rule keeps everything.
 * </ol>
 *
 * @param keepLast how many of the newest to keep, or null
 * @param tiered whether the tiers keep more
 */
public record Retention(Integer keepLast, boolean tiered) {

  /**
   * One completed scheduled backup.
   *
   * @param id its id
   * @param at when it completed
   */
  public record Kept(String id, Instant at) {}

  /** The ids of {@code backups} that have expired at {@code now}. */
  public Set<String> expired(List<Kept> backups, Instant now) {
    if (keepLast == null && !tiered) {
      return Set.of();
    }
    List<Kept> newestFirst =
        backups.stream().sorted(Comparator.comparing(Kept::at).reversed()).toList();
    Set<String> keep = new HashSet<>();
    newestFirst.stream()
        .limit(Math.max(1, keepLast == null ? 1 : keepLast))
        .forEach(b -> keep.add(b.id()));
    if (tiered) {
      newestFirst.stream()
          .filter(b -> b.at().isAfter(now.minus(Duration.ofHours(1))))
          .forEach(b -> keep.add(b.id()));
      keepNewestPer(
          newestFirst, now, Duration.ofDays(1), at -> at.truncatedTo(ChronoUnit.HOURS), keep);
      keepNewestPer(
          newestFirst, now, Duration.ofDays(7), at -> at.truncatedTo(ChronoUnit.DAYS), keep);
      keepNewestPer(
          newestFirst,
          now,
          Duration.ofDays(28),
          at -> at.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(weekday(at))),
          keep);
    }
    Set<String> expired = new HashSet<>();
    newestFirst.stream().filter(b -> !keep.contains(b.id())).forEach(b -> expired.add(b.id()));
    return expired;
  }

  /** Keeps the newest backup of each bucket among those younger than {@code span}. */
  private static void keepNewestPer(
      List<Kept> newestFirst,
      Instant now,
      Duration span,
      Function<Instant, Instant> bucket,
      Set<String> keep) {
    Set<Instant> seen = new HashSet<>();
    for (Kept b : newestFirst) {
      if (b.at().isAfter(now.minus(span)) && seen.add(bucket.apply(b.at()))) {
        keep.add(b.id());
      }
    }
  }

  /** Days since Monday, in UTC. */
  private static long weekday(Instant at) {
    return at.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() - 1L;
  }
}

package io.orogen.upgrade.model;

import java.time.Duration;
import java.util.List;

/**
 * How long a run is expected to take: the pre-upgrade backup, then each member. A member's time is
 * the longest of this cluster's recent member upgrades (a conservative guess: an estimate that is
 * too short lets a run overrun its window), or a default before there is any.
 */
public final class Estimate {

  /** How many of the latest member timings count. */
  public static final int RECENT = 10;

  private Estimate() {}

  /**
   * @param recentMemberMillis this cluster's latest member timings, newest first
   * @param members how many members the run upgrades
   * @param backup the backup's time, or zero when it is skipped
   * @param memberDefault a member's time when there is no history
   */
  public static Duration of(
      List<Long> recentMemberMillis, int members, Duration backup, Duration memberDefault) {
    Duration member =
        recentMemberMillis.stream()
            .limit(RECENT)
            .max(Long::compare)
            .map(Duration::ofMillis)
            .orElse(memberDefault);
    return backup.plus(member.multipliedBy(members));
  }
}

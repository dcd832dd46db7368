package io.orogen.upgrade.rest;

import io.orogen.events.upgrade.MaintenanceWindow;
import io.orogen.events.upgrade.MemberTiming;
import io.orogen.events.upgrade.UpdateChannel;
import io.orogen.events.upgrade.UpdateStrategy;
import io.orogen.upgrade.model.UpgradePath;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import java.time.Instant;
import java.util.List;

/** What {@code /api/v1/upgrades} and the clusters' update resources take and answer. */
public final class UpgradeViews {

  private UpgradeViews() {}

  /**
   * The body of {@code POST /api/v1/upgrades}.
   *
   * @param cluster the cluster to upgrade
   * @param targetVersion the exact release to go to
   * @param skipBackup true to start without a pre-upgrade backup
   */
  public record UpgradeRequest(String cluster, String targetVersion, Boolean skipBackup) {}

  /**
   * The body of {@code PUT /api/v1/clusters/{name}/update-policy}.
   *
   * @param channel patch, minor or pinned
   * @param strategy automatic or approval
   * @param windows the weekly maintenance windows
   */
  public record PolicyRequest(
      UpdateChannel channel, UpdateStrategy strategy, List<MaintenanceWindow> windows) {}

  /** A cluster's update policy; {@code pinned} and no windows when none was set. */
  public record Policy(
      String cluster,
      UpdateChannel channel,
      UpdateStrategy strategy,
      List<MaintenanceWindow> windows,
      String announced) {}

  /**
   * The answer to a command that starts or changes a run: {@code 202 Accepted}.
   *
   * @param runId the run, also the correlation id of its events
   * @param status where to follow it
   */
  public record Accepted(String runId, String status) {}

  /** The releases a cluster may go to, and why not the others. */
  public record Catalog(
      String cluster, String version, String phase, List<UpgradePath.Option> versions) {}

  /**
   * One run.
   *
   * @param state BACKING_UP, ROLLING, ROLLING_BACK, COMPLETED, FAILED or ABORTED
   * @param stage where the member it works on stands: TRANSFER, RESTART, SETTLE, or null
   * @param upgraded how many members run the new release
   * @param member the member it works on now
   */
  public record Run(
      String id,
      String cluster,
      String from,
      String to,
      String trigger,
      String state,
      boolean paused,
      String stage,
      List<String> order,
      int upgraded,
      String member,
      List<MemberTiming> timings,
      boolean skipBackup,
      String backupId,
      Boolean backupVerified,
      List<String> rolledBack,
      String failedMember,
      String outcome,
      List<String> logTail,
      long degradedMillis,
      long estimatedMillis,
      Instant createdAt,
      Instant finishedAt,
      long elapsedMillis) {

    static Run of(UpgradeRunEntity r) {
      Instant end = r.finishedAt != null ? r.finishedAt : Instant.now();
      return new Run(
          r.id,
          r.cluster,
          r.fromVersion,
          r.toVersion,
          r.trigger.name(),
          r.state.name(),
          r.paused,
          r.stage == null ? null : r.stage.name(),
          r.planList(),
          r.position,
          r.state.active() ? r.currentMember() : null,
          r.timingList(),
          r.skipBackup,
          r.backupId,
          r.backupVerified,
          r.rolledBackList(),
          r.failedMember,
          r.outcome,
          r.logTail == null ? List.of() : List.of(r.logTail.split("\n")),
          r.degradedMillis,
          r.estimatedMillis,
          r.createdAt,
          r.finishedAt,
          java.time.Duration.between(r.createdAt, end).toMillis());
    }
  }
}

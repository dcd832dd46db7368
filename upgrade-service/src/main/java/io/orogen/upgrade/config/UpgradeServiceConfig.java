package io.orogen.upgrade.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** upgrade-service settings ({@code orogen.upgrade.*}). */
@ConfigMapping(prefix = "orogen.upgrade")
public interface UpgradeServiceConfig {

  /**
   * How long a member may take from its restart being asked for to answering on the new release and
   * caught up; past it, it is rolled back and the run fails.
   */
  @WithDefault("2m")
  Duration memberTimeout();

  /**
   * How many times a member may exit by itself on the new release before it is rolled back without
   * waiting for {@code member-timeout}: a release that crashes on start is given up on in seconds.
   */
  @WithDefault("3")
  int memberExitLimit();

  /** How long the cluster must stay whole after a member's restart before the next member. */
  @WithDefault("10s")
  Duration settle();

  /** How long the pre-upgrade backup (and its verification) may take. */
  @WithDefault("30m")
  Duration backupTimeout();

  /** The wait before a command refused for a passing reason (the cluster is busy) is sent again. */
  @WithDefault("5s")
  Duration retryInterval();

  /** How often a run tries to move leadership off the member it upgrades before it fails. */
  @WithDefault("3")
  int transferAttempts();

  /** A member's restart, for estimates, until the cluster has upgrade history of its own. */
  @WithDefault("60s")
  Duration memberEstimate();

  /** The pre-upgrade backup, for estimates. */
  @WithDefault("30s")
  Duration backupEstimate();

  /** How long an instance holds a run it works on without renewing its lease. */
  @WithDefault("15s")
  Duration leaseDuration();

  /** Every run still going is looked at this often, so that a successor takes over. */
  @WithDefault("10s")
  Duration sweepInterval();

  /** How many runs are worked on at once. */
  @WithDefault("4")
  int workers();

  /** How often the update policies are checked for updates to announce or start. */
  @WithDefault("30s")
  Duration policyInterval();

  /** The releases the kubernetes provider offers (the image tags cluster-service is given). */
  @WithDefault("3.5.21,3.4.37")
  List<String> kubernetesVersions();
}

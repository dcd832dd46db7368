package io.orogen.cluster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** cluster-service settings ({@code orogen.cluster.*}). */
@ConfigMapping(prefix = "orogen.cluster")
public interface ClusterServiceConfig {

  /** A node without a heartbeat for this long is not ready for placement. */
  @WithDefault("15s")
  Duration nodeTimeout();

  /** How often every cluster is reconciled even when nothing triggered it. */
  @WithDefault("1s")
  Duration reconcileInterval();

  /** How long one instance holds a cluster while reconciling it. */
  @WithDefault("15s")
  Duration leaseDuration();

  /** How long to wait for one member's status over jetcd. */
  @WithDefault("2s")
  Duration probeTimeout();

  /** A member whose process exits this often within {@link #crashLoopWindow()} is replaced. */
  @WithDefault("3")
  int crashLoopExits();

  /** The window in which {@link #crashLoopExits()} exits make a crash loop. */
  @WithDefault("5m")
  Duration crashLoopWindow();

  /** How long to wait for one membership change (add, promote, remove, move leader). */
  @WithDefault("5s")
  Duration membershipTimeout();
}

package io.orogen.events.upgrade;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an update the channel offers is started. */
public enum UpdateStrategy {
  /** By itself, inside a maintenance window it fits in. */
  @JsonProperty("automatic")
  AUTOMATIC,
  /**
   * Announced ({@code UpdateAvailable}); a user approves it by starting it ({@code
   * UpgradeCluster}).
   */
  @JsonProperty("approval")
  APPROVAL
}

package io.orogen.events.upgrade;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What started an upgrade run. */
public enum UpgradeTrigger {
  /** {@code UpgradeCluster}. */
  @JsonProperty("Manual")
  MANUAL,
  /** The cluster's channel, with the automatic strategy, inside a window. */
  @JsonProperty("Automatic")
  AUTOMATIC
}

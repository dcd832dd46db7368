package io.orogen.cluster.model;

/** Where a cluster is in its life. */
public enum ClusterPhase {
  /** Members are being placed and started; not yet ready. */
  PROVISIONING,
  /** A leader and every member answers. */
  READY,
  /** Some member does not answer, or quorum is lost. */
  DEGRADED,
  /**
   * Being rolled back in place from a backup: members stopped, their data replaced, started again;
   * ready again once whole.
   */
  RESTORING,
  /** Members are being stopped and their data removed. */
  DELETING
}

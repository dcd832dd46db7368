package io.orogen.cluster.model;

/** A member's process as cluster-service knows it, from the commands it sent and node events. */
public enum MemberState {
  /** Placed on a node; {@code StartMember} not sent yet. */
  PLANNED,
  /** {@code StartMember} sent; waiting for {@code MemberProcessStarted}. */
  STARTING,
  /** Its process runs. */
  RUNNING,
  /** Its process exited without being asked to. */
  EXITED,
  /** {@code StopMember} sent. */
  STOPPING,
  /** Its process stopped on request; data still on the node. */
  STOPPED,
  /** {@code RemoveMemberData} sent. */
  REMOVING,
  /** Its data is gone from the node. */
  REMOVED
}

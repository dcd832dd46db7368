package io.orogen.cluster.model;

/** A member's place in etcd's own membership list, as cluster-service last changed it. */
public enum Membership {
  /** Placed, but not yet added to the cluster's membership. */
  JOINING,
  /** Added as a non-voting learner; promoted once it has caught up with the leader. */
  LEARNER,
  /** A voting member. */
  VOTER,
  /** Removed from the membership; its process is being stopped and its data removed. */
  REMOVED
}

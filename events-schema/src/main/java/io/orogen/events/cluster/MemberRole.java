package io.orogen.events.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's place in the Raft group. */
public enum MemberRole {
  @JsonProperty("leader")
  LEADER,
  @JsonProperty("follower")
  FOLLOWER,
  /** A non-voting member catching up before it is promoted. */
  @JsonProperty("learner")
  LEARNER,
  /** Not answering, or not yet started. */
  @JsonProperty("unknown")
  UNKNOWN
}

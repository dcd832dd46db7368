package io.orogen.events.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a cluster is not whole. */
public enum DegradedReason {
  /** At least one member does not answer, but a majority does: the cluster still serves. */
  @JsonProperty("MemberUnhealthy")
  MEMBER_UNHEALTHY,
  /** Fewer than a majority of members answer: the cluster cannot serve writes. */
  @JsonProperty("QuorumLost")
  QUORUM_LOST,
  /** A member has to be placed but no ready node can take it. */
  @JsonProperty("NoNodeAvailable")
  NO_NODE_AVAILABLE
}

package io.orogen.events.node;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * etcd's {@code --initial-cluster-state}: a member of a new cluster, or one joining a running one.
 */
public enum InitialClusterState {
  @JsonProperty("new")
  NEW,
  @JsonProperty("existing")
  EXISTING
}

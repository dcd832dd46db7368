package io.orogen.events.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a cluster's members run. */
public enum Provider {
  /** etcd processes started by a node agent on each host (the default). */
  @JsonProperty("agents")
  AGENTS,
  /** one Pod and PersistentVolumeClaim per member in a Kubernetes namespace. */
  @JsonProperty("kubernetes")
  KUBERNETES
}

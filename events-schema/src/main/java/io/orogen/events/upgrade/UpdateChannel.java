package io.orogen.events.upgrade;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which releases a cluster follows by itself. */
public enum UpdateChannel {
  /** The newest patch release of its minor. */
  @JsonProperty("patch")
  PATCH,
  /** The newest patch, then the next minor when the nodes have it, one minor at a time. */
  @JsonProperty("minor")
  MINOR,
  /** None: it is upgraded only when asked. */
  @JsonProperty("pinned")
  PINNED
}

package io.orogen.events.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What went wrong with a member. */
public enum MemberFailure {
  /** Its process exited without being asked to. */
  @JsonProperty("ProcessExited")
  PROCESS_EXITED,
  /** Its process runs but the member does not answer health checks. */
  @JsonProperty("Unhealthy")
  UNHEALTHY,
  /** Its node stopped sending heartbeats. */
  @JsonProperty("NodeLost")
  NODE_LOST,
  /** Its data directory is gone or unusable. */
  @JsonProperty("DataLost")
  DATA_LOST,
  /** It failed again and again after restarts in place. */
  @JsonProperty("CrashLooping")
  CRASH_LOOPING,
  /** Its node's agent refused to start it (the release is not there, the node is full …). */
  @JsonProperty("StartRefused")
  START_REFUSED
}

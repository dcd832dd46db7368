package io.orogen.console.state;

import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.MemberRole;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** What the console knows of one cluster, from its events. Changed only by {@link Projection}. */
public final class ClusterState {

  /** Where a cluster is, as its events tell. */
  public enum Phase {
    PROVISIONING("Provisioning", "info", "◌"),
    READY("Ready", "good", "●"),
    SCALING("Scaling", "info", "◐"),
    DEGRADED("Degraded", "warn", "▲"),
    QUORUM_LOST("Quorum lost", "bad", "✕"),
    RESTORING("Restoring", "info", "◐"),
    DELETING("Deleting", "info", "◌");

    public final String label;
    public final String tone;
    public final String icon;

    Phase(String label, String tone, String icon) {
      this.label = label;
      this.tone = tone;
      this.icon = icon;
    }

    public String label() {
      return label;
    }

    public String tone() {
      return tone;
    }

    public String icon() {
      return icon;
    }
  }

  final String name;
  String provider = "agents";
  String version;
  int size;
  Phase phase = Phase.PROVISIONING;
  String message = "";
  List<ClusterMember> members = List.of();
  List<String> endpoints = List.of();
  Instant updatedAt;
  final Map<String, String> failures = new java.util.HashMap<>();
  final Deque<FeedEvent> history = new ArrayDeque<>();

  ClusterState(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public String provider() {
    return provider;
  }

  public String version() {
    return version;
  }

  public int size() {
    return size;
  }

  public Phase phase() {
    return phase;
  }

  public String message() {
    return message;
  }

  public List<ClusterMember> members() {
    return members;
  }

  public List<String> endpoints() {
    return endpoints;
  }

  /** An etcdctl command line that talks to the cluster. */
  public String etcdctl() {
    return "etcdctl --endpoints=" + String.join(",", endpoints) + " endpoint status -w table";
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The last failure reported for each member, by member name. */
  public Map<String, String> failures() {
    return Map.copyOf(failures);
  }

  /** Its events, newest first. */
  public List<FeedEvent> history() {
    return List.copyOf(history);
  }

  /** Members that answered at the last event that listed them. */
  public long answering() {
    return members.stream()
        .filter(m -> m.role() == MemberRole.LEADER || m.role() == MemberRole.FOLLOWER)
        .count();
  }
}

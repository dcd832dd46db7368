package io.orogen.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.orogen.console.state.ClusterState;
import io.orogen.events.cluster.ClusterMember;
import java.util.ArrayList;
import java.util.List;

/**
 * A member as the cluster page shows it: from cluster-service when it is up (with Raft index and
 * database size), else from the last event that listed the members.
 */
public record MemberRow(
    String name,
    String node,
    String status,
    String tone,
    String role,
    String version,
    String raftIndex,
    String dbSize,
    String clientUrl,
    String failure) {

  public boolean leader() {
    return "leader".equals(role);
  }

  static List<MemberRow> of(ClusterState cluster, JsonNode details) {
    List<MemberRow> rows = new ArrayList<>();
    if (details != null) {
      for (JsonNode m : details.path("members")) {
        String state = m.path("state").asText();
        String role = m.path("role").asText("unknown");
        String name = m.path("name").asText();
        rows.add(
            new MemberRow(
                name,
                m.path("node").asText(),
                status(state, role),
                tone(state, role),
                role,
                m.path("version").asText("–"),
                m.hasNonNull("raftIndex") ? m.get("raftIndex").asText() : "–",
                m.hasNonNull("dbSize") ? bytes(m.get("dbSize").asLong()) : "–",
                m.path("clientUrl").asText(),
                cluster.failures().get(name)));
      }
      return rows;
    }
    for (ClusterMember m : cluster.members()) {
      String role = m.role() == null ? "unknown" : m.role().name().toLowerCase();
      rows.add(
          new MemberRow(
              m.name(),
              m.node(),
              role.equals("unknown") ? "Not answering" : "Running",
              role.equals("unknown") ? "warn" : "good",
              role,
              m.version() == null ? "–" : m.version(),
              "–",
              "–",
              m.clientUrl(),
              cluster.failures().get(m.name())));
    }
    return rows;
  }

  private static String status(String state, String role) {
    return switch (state) {
      case "RUNNING" -> role.equals("unknown") ? "Not answering" : "Running";
      case "STARTING" -> "Starting";
      case "EXITED" -> "Exited";
      case "PLANNED" -> "Planned";
      case "STOPPING", "STOPPED" -> "Stopping";
      case "REMOVING", "REMOVED" -> "Removing";
      default -> state;
    };
  }

  private static String tone(String state, String role) {
    if (state.equals("RUNNING")) {
      return role.equals("unknown") ? "warn" : "good";
    }
    return state.equals("EXITED") ? "bad" : "info";
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    return String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }
}

package io.orogen.console.state;

import io.orogen.events.node.MemberProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A node as its agent's events describe it.
 *
 * @param name its name
 * @param address the address its members listen on
 * @param labels its labels (zone, rack …)
 * @param etcdVersions the releases it can run, newest first
 * @param maxMembers how many members it takes
 * @param bootId its boot id
 * @param agentVersion the agent's version
 * @param lastHeartbeat its last heartbeat (or registration)
 * @param members the member processes it reported last
 */
public record NodeState(
    String name,
    String address,
    Map<String, String> labels,
    List<String> etcdVersions,
    int maxMembers,
    String bootId,
    String agentVersion,
    Instant lastHeartbeat,
    List<MemberProcess> members) {

  /** A node that sent nothing for this long is shown as silent. */
  public static final Duration SILENT_AFTER = Duration.ofSeconds(15);

  public boolean ready() {
    return lastHeartbeat != null && lastHeartbeat.isAfter(Instant.now().minus(SILENT_AFTER));
  }

  public long secondsSinceHeartbeat() {
    return lastHeartbeat == null ? -1 : Duration.between(lastHeartbeat, Instant.now()).toSeconds();
  }

  /** The first 8 characters of the boot id: enough to see that it changed. */
  public String shortBootId() {
    return bootId == null ? "–" : bootId.substring(0, Math.min(8, bootId.length()));
  }

  NodeState withHeartbeat(Instant at, String boot, List<MemberProcess> processes) {
    return new NodeState(
        name, address, labels, etcdVersions, maxMembers, boot, agentVersion, at, processes);
  }
}

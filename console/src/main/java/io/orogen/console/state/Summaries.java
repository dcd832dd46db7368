package io.orogen.console.state;

import io.orogen.events.CommandRejected;
import io.orogen.events.Payload;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import java.util.List;

/** A sentence for people about each kind of event. */
final class Summaries {

  private Summaries() {}

  static String of(Payload data) {
    if (data instanceof ClusterAccepted e) {
      return "accepted: " + e.size() + " × etcd " + e.version() + " on " + provider(e);
    }
    if (data instanceof ClusterReady e) {
      return "ready: " + e.members().size() + " members, leader " + leader(e.members());
    }
    if (data instanceof ClusterDegraded e) {
      return "degraded (" + e.reason() + "): " + e.message();
    }
    if (data instanceof MemberFailed e) {
      return e.member() + " on " + e.node() + " failed (" + e.failure() + "): " + e.message();
    }
    if (data instanceof MemberReplaced e) {
      return e.replacedMember()
          + " on "
          + e.replacedNode()
          + " replaced by "
          + e.member().name()
          + " on "
          + e.member().node();
    }
    if (data instanceof ClusterScaled e) {
      return "scaled from " + e.previousSize() + " to " + e.size() + " members";
    }
    if (data instanceof ClusterDeleted) {
      return "deleted";
    }
    if (data instanceof CommandRejected e) {
      return "rejected " + shortType(e.commandType()) + " (" + e.code() + "): " + e.message();
    }
    if (data instanceof NodeRegistered e) {
      return e.node() + " registered: etcd " + String.join(", ", e.etcdVersions());
    }
    if (data instanceof NodeHeartbeat e) {
      return e.node() + " is alive, " + e.members().size() + " member(s)";
    }
    if (data instanceof MemberProcessStarted e) {
      return e.member()
          + " "
          + (e.adopted() ? "re-adopted" : "started")
          + " on "
          + e.node()
          + " (pid "
          + e.pid()
          + ")";
    }
    if (data instanceof MemberProcessExited e) {
      return e.member()
          + " exited on "
          + e.node()
          + (e.requested() ? " as asked" : " unexpectedly")
          + (e.exitCode() == null ? "" : " (exit code " + e.exitCode() + ")");
    }
    if (data instanceof MemberDataRemoved e) {
      return "data of " + e.member() + " removed from " + e.node();
    }
    return data.getClass().getSimpleName();
  }

  private static String provider(ClusterAccepted e) {
    return e.provider() == null ? "agents" : e.provider().name().toLowerCase();
  }

  private static String leader(List<ClusterMember> members) {
    return members.stream()
        .filter(m -> m.role() == MemberRole.LEADER)
        .map(ClusterMember::name)
        .findFirst()
        .orElse("unknown");
  }

  private static String shortType(String type) {
    if (type == null) {
      return "a command";
    }
    String[] parts = type.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] : type;
  }
}

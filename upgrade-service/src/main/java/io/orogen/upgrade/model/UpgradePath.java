package io.orogen.upgrade.model;

import io.orogen.events.EtcdVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * etcd's upgrade path: patch releases of a minor go freely either way; minors go up one at a time
 * and never down (etcd 3.5 moves the cluster version up once every member runs it, and its data is
 * not read by 3.4 after that); majors do not change.
 */
public final class UpgradePath {

  private UpgradePath() {}

  /** Why a cluster running {@code from} may not go to {@code to}, or empty when it may. */
  public static Optional<String> refusal(String from, String to) {
    Optional<EtcdVersion> current = EtcdVersion.parse(from);
    Optional<EtcdVersion> target = EtcdVersion.parse(to);
    if (target.isEmpty()) {
      return Optional.of(to + " is not an exact release like 3.5.16");
    }
    if (current.isEmpty()) {
      return Optional.of("the cluster's release is not known yet");
    }
    EtcdVersion a = current.get();
    EtcdVersion b = target.get();
    if (a.equals(b)) {
      return Optional.of("the cluster runs " + from + " already");
    }
    if (a.major() != b.major()) {
      return Optional.of("a change of major release (" + from + " to " + to + ") is not supported");
    }
    if (b.minor() < a.minor()) {
      return Optional.of(
          to
              + " is a downgrade of the minor release: etcd cannot go back from "
              + a.major()
              + "."
              + a.minor()
              + " to "
              + b.major()
              + "."
              + b.minor()
              + " once the cluster runs it; restore a backup instead");
    }
    if (b.minor() > a.minor() + 1) {
      return Optional.of(
          to
              + " skips a minor release: etcd upgrades one minor at a time, so go to "
              + a.major()
              + "."
              + (a.minor() + 1)
              + " first");
    }
    return Optional.empty();
  }

  /** Whether a move between two releases of the same minor (either way). */
  public static boolean withinMinor(String from, String to) {
    Optional<EtcdVersion> a = EtcdVersion.parse(from);
    Optional<EtcdVersion> b = EtcdVersion.parse(to);
    return a.isPresent()
        && b.isPresent()
        && a.get().major() == b.get().major()
        && a.get().minor() == b.get().minor();
  }

  /**
   * Whether members already on {@code to} may go back to {@code from}: always within a minor; for a
   * minor upgrade only while a member still runs the old minor, since etcd keeps the cluster
   * version at the oldest its members run.
   */
  public static boolean rollbackAllowed(String from, String to, boolean everyMemberUpgraded) {
    return withinMinor(from, to) || !everyMemberUpgraded;
  }

  /**
   * The nodes, of those that host the cluster's members, that cannot run {@code version}.
   *
   * @param memberNodes each member's node
   * @param nodeVersions the releases each known node can run
   */
  public static Set<String> nodesLacking(
      String version,
      Collection<String> memberNodes,
      Map<String, ? extends Collection<String>> nodeVersions) {
    Set<String> lacking = new TreeSet<>();
    for (String node : memberNodes) {
      Collection<String> versions = nodeVersions.get(node);
      if (versions == null || !versions.contains(version)) {
        lacking.add(node);
      }
    }
    return lacking;
  }

  /**
   * One release of the catalog, for a cluster.
   *
   * @param version the release
   * @param allowed whether the cluster may go to it now
   * @param reason why not, or null
   */
  public record Option(String version, boolean allowed, String reason) {}

  /**
   * Every release {@code available} somewhere, newest first, with whether the cluster may go to it:
   * the path rules, then whether every node of its members has it.
   */
  public static List<Option> catalog(
      String current,
      Collection<String> available,
      Collection<String> memberNodes,
      Map<String, ? extends Collection<String>> nodeVersions) {
    List<Option> options = new ArrayList<>();
    for (String version : EtcdVersion.newestFirst(available)) {
      Optional<String> refusal = refusal(current, version);
      if (refusal.isEmpty()) {
        Set<String> lacking = nodesLacking(version, memberNodes, nodeVersions);
        if (!lacking.isEmpty()) {
          refusal = Optional.of("not installed on " + String.join(", ", lacking));
        }
      }
      options.add(new Option(version, refusal.isEmpty(), refusal.orElse(null)));
    }
    return options;
  }
}

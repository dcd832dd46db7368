package io.orogen.nodeupdate.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a node may reboot now, and every reason it may not: a reboot is granted only when no
 * reason stands. The reasons are all given at once, so a waiting node's operator sees the whole
 * picture, not the first obstacle.
 *
 * <ol>
 *   <li>Granting is paused (by an operator) or the circuit is open (too many failed reboots).
 *   <li>No reboot window of the node's group is open.
 *   <li>The group's semaphore is full (as many nodes hold a slot as it allows).
 *   <li>A managed cluster with a member on the node is already degraded: a member on another node
 *       does not answer. Its other members' nodes wait until it is whole.
 *   <li>A managed cluster with a member on the node would lose its quorum: its members on this
 *       node, on every node that holds a slot or is rebooting, and those that do not answer are
 *       counted down together, and fewer than a majority would be left.
 * </ol>
 */
public final class RebootGate {

  private RebootGate() {}

  /** Why a node may not reboot now. */
  public enum Reason {
    PAUSED,
    CIRCUIT_OPEN,
    WINDOW_CLOSED,
    GROUP_FULL,
    CLUSTER_DEGRADED,
    QUORUM
  }

  /** One reason, with what it is about (a cluster's name, a group's) and a sentence for people. */
  public record Blocker(Reason reason, String subject, String message) {}

  /**
   * A managed cluster as the node-update service sees it.
   *
   * @param name the cluster
   * @param members each voting member's node, by member name
   * @param unhealthy the members that do not answer now
   */
  public record ClusterPicture(String name, Map<String, String> members, Set<String> unhealthy) {

    public ClusterPicture {
      members = Map.copyOf(members);
      unhealthy = Set.copyOf(unhealthy);
    }

    int quorum() {
      return members.size() / 2 + 1;
    }

    boolean hasMemberOn(String node) {
      return members.containsValue(node);
    }
  }

  /**
   * The node's group as it stands.
   *
   * @param name the group
   * @param maxConcurrent how many of its nodes may hold a slot at once
   * @param holders the nodes that hold a slot now (the asking node not among them)
   * @param windowOpen whether one of its reboot windows is open now
   */
  public record Group(String name, int maxConcurrent, Set<String> holders, boolean windowOpen) {

    public Group {
      holders = Set.copyOf(holders);
    }
  }

  /**
   * @param node the node that asks to reboot
   * @param group its group
   * @param away the nodes counted down besides it: those holding a slot in any group and those
   *     rebooting or lost
   * @param clusters every managed cluster
   * @param paused granting paused by an operator
   * @param circuitOpen granting stopped by the circuit breaker
   * @return why it may not reboot now; empty when it may
   */
  public static List<Blocker> blockers(
      String node,
      Group group,
      Set<String> away,
      List<ClusterPicture> clusters,
      boolean paused,
      boolean circuitOpen) {
    List<Blocker> blockers = new ArrayList<>();
    if (paused) {
      blockers.add(new Blocker(Reason.PAUSED, group.name(), "reboots are paused by an operator"));
    }
    if (circuitOpen) {
      blockers.add(
          new Blocker(
              Reason.CIRCUIT_OPEN,
              group.name(),
              "reboots are stopped after too many failed reboots; an operator resumes them"));
    }
    if (!group.windowOpen()) {
      blockers.add(
          new Blocker(
              Reason.WINDOW_CLOSED,
              group.name(),
              "no reboot window of group " + group.name() + " is open"));
    }
    if (group.holders().size() >= group.maxConcurrent()) {
      blockers.add(
          new Blocker(
              Reason.GROUP_FULL,
              group.name(),
              "group "
                  + group.name()
                  + " allows "
                  + group.maxConcurrent()
                  + " reboot(s) at once and "
                  + String.join(", ", group.holders().stream().sorted().toList())
                  + " hold(s) them"));
    }
    clusters.stream()
        .filter(c -> c.hasMemberOn(node))
        .sorted(Comparator.comparing(ClusterPicture::name))
        .forEach(cluster -> blockers.addAll(clusterBlockers(node, away, cluster)));
    return blockers;
  }

  private static List<Blocker> clusterBlockers(
      String node, Set<String> away, ClusterPicture cluster) {
    List<String> degraded =
        cluster.unhealthy().stream()
            .filter(m -> !node.equals(cluster.members().get(m)))
            .sorted()
            .toList();
    if (!degraded.isEmpty()) {
      return List.of(
          new Blocker(
              Reason.CLUSTER_DEGRADED,
              cluster.name(),
              "cluster "
                  + cluster.name()
                  + " is degraded: "
                  + String.join(", ", degraded)
                  + " on other nodes do(es) not answer"));
    }
    Set<String> down = new HashSet<>(cluster.unhealthy());
    cluster
        .members()
        .forEach(
            (member, memberNode) -> {
              if (memberNode.equals(node) || away.contains(memberNode)) {
                down.add(member);
              }
            });
    int left = cluster.members().size() - down.size();
    if (left < cluster.quorum()) {
      return List.of(
          new Blocker(
              Reason.QUORUM,
              cluster.name(),
              "cluster "
                  + cluster.name()
                  + " would keep "
                  + left
                  + " of "
                  + cluster.members().size()
                  + " members ("
                  + cluster.quorum()
                  + " needed): "
                  + String.join(", ", down.stream().sorted().toList())
                  + " would be down"));
    }
    return List.of();
  }
}

package io.orogen.cluster.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Places a cluster's members on distinct nodes: ready ones that run the release, least loaded
 * first.
 */
public final class Placement {

  private Placement() {}

  /** Thrown when there are not enough suitable nodes; the message says how many there are. */
  public static final class InsufficientNodesException extends RuntimeException {
    public InsufficientNodesException(String message) {
      super(message);
    }
  }

  /**
   * The nodes for {@code count} members of release {@code version}, one member per node.
   *
   * @throws InsufficientNodesException with "size 3 needs 3 nodes, 2 are ready …"
   */
  public static List<String> place(int count, String version, List<NodeCandidate> nodes) {
    shortfall(count, version, nodes)
        .ifPresent(
            problem -> {
              throw new InsufficientNodesException(problem);
            });
    return nodes.stream()
        .filter(n -> n.canRun(version))
        .sorted(Comparator.comparingInt(NodeCandidate::members).thenComparing(NodeCandidate::name))
        .limit(count)
        .map(NodeCandidate::name)
        .toList();
  }

  /**
   * Why {@code count} members of release {@code version} do not fit on {@code nodes}, one per node:
   * "size 3 needs 3 nodes, 2 are ready …"; empty when they fit.
   */
  public static Optional<String> shortfall(int count, String version, List<NodeCandidate> nodes) {
    long suitable = nodes.stream().filter(n -> n.canRun(version)).count();
    if (suitable >= count) {
      return Optional.empty();
    }
    long ready = nodes.stream().filter(NodeCandidate::ready).count();
    return Optional.of(
        "size "
            + count
            + " needs "
            + count
            + " nodes, "
            + ready
            + (ready == 1 ? " is" : " are")
            + " ready"
            + (suitable < ready
                ? " and " + suitable + " of them can run another etcd " + version + " member"
                : ""));
  }
}

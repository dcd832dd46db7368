package io.orogen.cluster.model;

import java.util.Comparator;
import java.util.List;

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
    List<String> chosen =
        nodes.stream()
            .filter(n -> n.canRun(version))
            .sorted(
                Comparator.comparingInt(NodeCandidate::members).thenComparing(NodeCandidate::name))
            .limit(count)
            .map(NodeCandidate::name)
            .toList();
    if (chosen.size() < count) {
      long ready = nodes.stream().filter(NodeCandidate::ready).count();
      long suitable = nodes.stream().filter(n -> n.canRun(version)).count();
      throw new InsufficientNodesException(
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
    return chosen;
  }
}

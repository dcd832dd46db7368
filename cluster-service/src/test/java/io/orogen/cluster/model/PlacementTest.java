package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

  static final List<String> ALL = List.of("3.5.30", "3.5.16", "3.4.23");

  @Test
  void placesOneMemberPerNodeLeastLoadedFirst() {
    List<NodeCandidate> nodes =
        List.of(
            new NodeCandidate("node-a", true, ALL, 2, 8),
            new NodeCandidate("node-b", true, ALL, 0, 8),
            new NodeCandidate("node-c", true, ALL, 1, 8),
            new NodeCandidate("node-d", true, ALL, 0, 8));

    assertThat(Placement.place(3, "3.5.30", nodes)).containsExactly("node-b", "node-d", "node-c");
  }

  @Test
  void skipsNodesThatAreNotReadyFullOrLackTheRelease() {
    List<NodeCandidate> nodes =
        List.of(
            new NodeCandidate("down", false, ALL, 0, 8),
            new NodeCandidate("full", true, ALL, 8, 8),
            new NodeCandidate("old", true, List.of("3.4.23"), 0, 8),
            new NodeCandidate("good", true, ALL, 5, 8));

    assertThat(Placement.place(1, "3.5.30", nodes)).containsExactly("good");
  }

  @Test
  void saysHowManyNodesAreReadyWhenThereAreTooFew() {
    List<NodeCandidate> nodes =
        List.of(
            new NodeCandidate("node-1", true, ALL, 0, 8),
            new NodeCandidate("node-2", true, ALL, 0, 8),
            new NodeCandidate("node-3", false, ALL, 0, 8));

    assertThatThrownBy(() -> Placement.place(3, "3.5.30", nodes))
        .hasMessage("size 3 needs 3 nodes, 2 are ready");
    assertThatThrownBy(
            () ->
                Placement.place(
                    2, "3.5.30", List.of(nodes.get(0), new NodeCandidate("x", true, ALL, 8, 8))))
        .hasMessage(
            "size 2 needs 2 nodes, 2 are ready and 1 of them can run another etcd 3.5.30 member");
  }
}

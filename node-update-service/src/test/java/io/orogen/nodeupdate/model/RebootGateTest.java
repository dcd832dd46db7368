package io.orogen.nodeupdate.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.nodeupdate.model.RebootGate.Blocker;
import io.orogen.nodeupdate.model.RebootGate.ClusterPicture;
import io.orogen.nodeupdate.model.RebootGate.Group;
import io.orogen.nodeupdate.model.RebootGate.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RebootGateTest {

  /** orders: one member on each of node-1..3. */
  static final ClusterPicture ORDERS =
      new ClusterPicture(
          "orders",
          Map.of("orders-1", "node-1", "orders-2", "node-2", "orders-3", "node-3"),
          Set.of());

  static final Group OPEN = new Group("default", 2, Set.of(), true);

  static List<Reason> reasons(List<Blocker> blockers) {
    return blockers.stream().map(Blocker::reason).toList();
  }

  @Test
  void aNodeOfAWholeClusterMayRebootWhenNothingElseIsDown() {
    assertThat(RebootGate.blockers("node-1", OPEN, Set.of(), List.of(ORDERS), false, false))
        .isEmpty();
  }

  @Test
  void aSecondNodeOfAThreeMemberClusterWaitsForTheFirst() {
    Group oneHolder = new Group("default", 2, Set.of("node-1"), true);
    List<Blocker> blockers =
        RebootGate.blockers("node-2", oneHolder, Set.of("node-1"), List.of(ORDERS), false, false);
    assertThat(reasons(blockers)).containsExactly(Reason.QUORUM);
    assertThat(blockers.get(0).subject()).isEqualTo("orders");
    assertThat(blockers.get(0).message())
        .isEqualTo(
            "cluster orders would keep 1 of 3 members (2 needed): orders-1, orders-2 would be down");
  }

  @Test
  void aFiveMemberClusterTakesTwoRebootsAtOnceButNotThree() {
    ClusterPicture five =
        new ClusterPicture(
            "big",
            Map.of("b-1", "n1", "b-2", "n2", "b-3", "n3", "b-4", "n4", "b-5", "n5"),
            Set.of());
    Group wide = new Group("default", 5, Set.of("n1"), true);
    assertThat(RebootGate.blockers("n2", wide, Set.of("n1"), List.of(five), false, false))
        .isEmpty();
    assertThat(
            reasons(
                RebootGate.blockers("n3", wide, Set.of("n1", "n2"), List.of(five), false, false)))
        .containsExactly(Reason.QUORUM);
  }

  @Test
  void aDegradedClusterBlocksItsOtherMembersNodesButNotTheNodeOfItsSickMember() {
    ClusterPicture sick = new ClusterPicture("orders", ORDERS.members(), Set.of("orders-3"));
    List<Blocker> blockers =
        RebootGate.blockers("node-1", OPEN, Set.of(), List.of(sick), false, false);
    assertThat(reasons(blockers)).containsExactly(Reason.CLUSTER_DEGRADED);
    assertThat(blockers.get(0).message()).contains("orders-3");
    // Rebooting the node of the member that does not answer takes nothing more away.
    assertThat(RebootGate.blockers("node-3", OPEN, Set.of(), List.of(sick), false, false))
        .isEmpty();
  }

  @Test
  void twoMembersOfOneClusterOnTheSameNodeCountTogether() {
    ClusterPicture crowded =
        new ClusterPicture(
            "crowded", Map.of("c-1", "node-1", "c-2", "node-1", "c-3", "node-2"), Set.of());
    assertThat(
            reasons(RebootGate.blockers("node-1", OPEN, Set.of(), List.of(crowded), false, false)))
        .containsExactly(Reason.QUORUM);
    assertThat(RebootGate.blockers("node-2", OPEN, Set.of(), List.of(crowded), false, false))
        .isEmpty();
  }

  @Test
  void aOneMemberClusterCannotKeepItsQuorumThroughAReboot() {
    // Its node still has to be patched some day: the operator decides (force, or scale first).
    ClusterPicture single = new ClusterPicture("solo", Map.of("solo-1", "node-1"), Set.of());
    assertThat(
            reasons(RebootGate.blockers("node-1", OPEN, Set.of(), List.of(single), false, false)))
        .containsExactly(Reason.QUORUM);
  }

  @Test
  void clustersWithoutAMemberOnTheNodeDoNotMatter() {
    ClusterPicture elsewhere =
        new ClusterPicture("elsewhere", Map.of("e-1", "node-7"), Set.of("e-1"));
    assertThat(RebootGate.blockers("node-1", OPEN, Set.of(), List.of(elsewhere), false, false))
        .isEmpty();
  }

  @Test
  void everyReasonIsGivenAtOnce() {
    Group shut = new Group("racks", 1, Set.of("node-9"), false);
    List<Blocker> blockers =
        RebootGate.blockers(
            "node-1", shut, Set.of("node-9", "node-2"), List.of(ORDERS), true, true);
    assertThat(reasons(blockers))
        .containsExactly(
            Reason.PAUSED,
            Reason.CIRCUIT_OPEN,
            Reason.WINDOW_CLOSED,
            Reason.GROUP_FULL,
            Reason.QUORUM);
    assertThat(blockers.get(3).message())
        .isEqualTo("group racks allows 1 reboot(s) at once and node-9 hold(s) them");
  }
}

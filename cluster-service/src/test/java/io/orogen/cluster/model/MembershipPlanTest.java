package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.cluster.MemberFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipPlanTest {

  @Test
  void noChangeWithoutQuorum() {
    var members = List.of(voter("a-1", true), voter("a-2", false), voter("a-3", false));
    assertThat(MembershipPlan.next(cluster(3, members))).isEqualTo(new MembershipPlan.Wait(null));
  }

  @Test
  void aJoiningMemberGoesOnBeforeAnythingElse() {
    List<MembershipPlan.Member> members = new ArrayList<>(healthy(3));
    members.add(member("a-4", MemberState.PLANNED, Membership.JOINING, null, false));
    assertThat(MembershipPlan.next(cluster(5, members)))
        .isEqualTo(new MembershipPlan.AddLearner("a-4"));
    members.set(3, member("a-4", MemberState.RUNNING, Membership.LEARNER, null, true));
    assertThat(MembershipPlan.next(cluster(5, members)))
        .isEqualTo(new MembershipPlan.Promote("a-4"));
    members.set(3, member("a-4", MemberState.STARTING, Membership.LEARNER, null, false));
    assertThat(MembershipPlan.next(cluster(5, members))).isEqualTo(new MembershipPlan.Wait(null));
  }

  @Test
  void aFailedVoterIsRetiredOnlyWhenASuccessorCanBePlacedAndQuorumHolds() {
    List<MembershipPlan.Member> members = new ArrayList<>(healthy(3));
    members.set(
        0, member("a-1", MemberState.EXITED, Membership.VOTER, MemberFailure.CRASH_LOOPING, false));
    assertThat(MembershipPlan.next(cluster(3, members)))
        .isEqualTo(new MembershipPlan.Retire("a-1"));
    MembershipPlan.Cluster full =
        new MembershipPlan.Cluster(3, false, false, members, Optional.of("size 1 needs 1 nodes"));
    assertThat(MembershipPlan.next(full))
        .isEqualTo(new MembershipPlan.Wait("size 1 needs 1 nodes"));
    members.set(1, voter("a-2", false));
    assertThat(MembershipPlan.next(cluster(3, members))).isEqualTo(new MembershipPlan.Wait(null));
  }

  @Test
  void aMemberWhoseDataIsGoneIsRetiredEvenWhenOnlyItsOwnNodeCanTakeItsSuccessor() {
    List<MembershipPlan.Member> members = new ArrayList<>(healthy(3));
    members.set(
        2, member("a-3", MemberState.EXITED, Membership.VOTER, MemberFailure.DATA_LOST, false));
    MembershipPlan.Cluster full =
        new MembershipPlan.Cluster(3, false, false, members, Optional.of("size 1 needs 1 nodes"));
    assertThat(MembershipPlan.next(full)).isEqualTo(new MembershipPlan.Retire("a-3"));
    // A member lost with its node is not: it waits for another node.
    members.set(
        2, member("a-3", MemberState.EXITED, Membership.VOTER, MemberFailure.NODE_LOST, false));
    assertThat(MembershipPlan.next(full))
        .isEqualTo(new MembershipPlan.Wait("size 1 needs 1 nodes"));
  }

  @Test
  void theOnlyMemberIsNeverRetired() {
    var members =
        List.of(
            member(
                "a-1", MemberState.RUNNING, Membership.VOTER, MemberFailure.CRASH_LOOPING, true));
    assertThat(MembershipPlan.next(cluster(1, members)))
        .isInstanceOf(MembershipPlan.Wait.class)
        .extracting("reason")
        .asString()
        .contains("only member");
  }

  @Test
  void aSuccessorIsPlannedForTheOldestRetiredFailedMember() {
    List<MembershipPlan.Member> members = new ArrayList<>(healthy(2));
    members.add(
        new MembershipPlan.Member(
            "a-3",
            3,
            MemberState.REMOVED,
            Membership.REMOVED,
            MemberFailure.NODE_LOST,
            null,
            false,
            false,
            0,
            false,
            0));
    assertThat(MembershipPlan.next(cluster(3, members)))
        .isEqualTo(new MembershipPlan.PlanMember("a-3"));
  }

  @Test
  void scaleInMovesLeadershipOffTheLeaderFirst() {
    List<MembershipPlan.Member> members = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      members.add(
          new MembershipPlan.Member(
              "a-" + i,
              i,
              MemberState.RUNNING,
              Membership.VOTER,
              null,
              null,
              true,
              i == 5,
              100 + i,
              true,
              i == 5 ? 3 : 1));
    }
    assertThat(MembershipPlan.next(cluster(3, members)))
        .isEqualTo(new MembershipPlan.MoveLeader("a-5", "a-4"));
  }

  @Test
  void theScalingIsFinishedOnceTheClusterIsWhole() {
    MembershipPlan.Cluster scaled =
        new MembershipPlan.Cluster(3, true, true, healthy(3), Optional.empty());
    assertThat(MembershipPlan.next(scaled)).isEqualTo(new MembershipPlan.FinishScaling());
  }

  @Test
  void aLeadershipTransferHandsOverOnceTheMemberAnswersAndIsDoneWhenItLeads() {
    List<MembershipPlan.Member> members = new ArrayList<>(healthy(3));
    assertThat(MembershipPlan.next(transfer(members, "a-2", false)))
        .isEqualTo(new MembershipPlan.MoveLeader("a-1", "a-2"));
    members.set(1, voter("a-2", false));
    assertThat(MembershipPlan.next(transfer(members, "a-2", false)))
        .isEqualTo(new MembershipPlan.Wait(null));
    assertThat(MembershipPlan.next(transfer(members, "a-2", true)))
        .isEqualTo(new MembershipPlan.AbandonTransfer("member a-2 does not answer"));
    assertThat(MembershipPlan.next(transfer(healthy(3), "a-1", false)))
        .isEqualTo(new MembershipPlan.LeaderMoved("a-1"));
    assertThat(MembershipPlan.next(transfer(healthy(3), "a-7", false)))
        .isEqualTo(new MembershipPlan.AbandonTransfer("member a-7 is no longer a voting member"));
    // A scaling finishes first.
    MembershipPlan.Cluster scaling =
        new MembershipPlan.Cluster(
            3,
            true,
            true,
            healthy(3),
            Optional.empty(),
            Optional.of(new MembershipPlan.Transfer("a-2", false)));
    assertThat(MembershipPlan.next(scaling)).isEqualTo(new MembershipPlan.FinishScaling());
  }

  private static MembershipPlan.Cluster transfer(
      List<MembershipPlan.Member> members, String to, boolean overdue) {
    return new MembershipPlan.Cluster(
        3,
        false,
        true,
        members,
        Optional.empty(),
        Optional.of(new MembershipPlan.Transfer(to, overdue)));
  }

  private static MembershipPlan.Cluster cluster(int size, List<MembershipPlan.Member> members) {
    return new MembershipPlan.Cluster(size, false, false, members, Optional.empty());
  }

  private static List<MembershipPlan.Member> healthy(int count) {
    List<MembershipPlan.Member> members = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      members.add(voter("a-" + i, true));
    }
    return members;
  }

  private static MembershipPlan.Member voter(String name, boolean answering) {
    return member(name, MemberState.RUNNING, Membership.VOTER, null, answering);
  }

  private static MembershipPlan.Member member(
      String name,
      MemberState state,
      Membership membership,
      MemberFailure failure,
      boolean answering) {
    int ordinal = Integer.parseInt(name.substring(name.indexOf('-') + 1));
    return new MembershipPlan.Member(
        name,
        ordinal,
        state,
        membership,
        failure,
        null,
        answering,
        ordinal == 1 && answering,
        0,
        true,
        1);
  }
}

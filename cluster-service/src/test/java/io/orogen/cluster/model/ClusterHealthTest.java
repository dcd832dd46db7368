package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.cluster.DegradedReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {

  static MemberStatus up(String url, String id, String leader) {
    return new MemberStatus(url, true, id, leader, "3.5.30", 10, 4096);
  }

  @Test
  void wholeWhenEveryMemberAnswersAndFollowsOneLeader() {
    ClusterHealth health =
        ClusterHealth.assess(
            3, 3, List.of(up("a", "1", "1"), up("b", "2", "1"), up("c", "3", "1")));
    assertThat(health.whole()).isTrue();
  }

  @Test
  void degradedButServingWhenAMajorityAnswers() {
    ClusterHealth health =
        ClusterHealth.assess(
            3, 3, List.of(up("a", "1", "1"), up("b", "2", "1"), MemberStatus.unreachable("c")));
    assertThat(health.whole()).isFalse();
    assertThat(health.reason()).isEqualTo(DegradedReason.MEMBER_UNHEALTHY);
    assertThat(health.summary()).isEqualTo("2 of 3 members answer; the cluster still has quorum");
  }

  @Test
  void quorumLostWhenOnlyAMinorityAnswers() {
    ClusterHealth health =
        ClusterHealth.assess(
            3,
            3,
            List.of(
                up("a", "1", "0"), MemberStatus.unreachable("b"), MemberStatus.unreachable("c")));
    assertThat(health.reason()).isEqualTo(DegradedReason.QUORUM_LOST);
  }

  @Test
  void notWholeWhileMembersDisagreeOnTheLeader() {
    ClusterHealth health =
        ClusterHealth.assess(
            3, 3, List.of(up("a", "1", "1"), up("b", "2", "2"), up("c", "3", "1")));
    assertThat(health.whole()).isFalse();
  }

  @Test
  void notWholeWhileAReplacementIsMissingButStillServing() {
    // One of three was removed from the membership; its replacement has not joined yet.
    ClusterHealth health =
        ClusterHealth.assess(3, 2, List.of(up("a", "1", "1"), up("b", "2", "1")));
    assertThat(health.whole()).isFalse();
    assertThat(health.hasQuorum()).isTrue();
    assertThat(health.summary()).isEqualTo("2 of 3 members answer; the cluster still has quorum");
  }

  @Test
  void quorumIsCountedAmongTheVotersThereAre() {
    ClusterHealth health =
        ClusterHealth.assess(
            4, 4, List.of(up("a", "1", "1"), up("b", "2", "1"), MemberStatus.unreachable("c")));
    assertThat(health.hasQuorum()).isFalse();
  }
}

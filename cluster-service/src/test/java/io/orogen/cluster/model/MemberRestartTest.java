package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.cluster.model.MemberRestart.Done;
import io.orogen.cluster.model.MemberRestart.Stage;
import io.orogen.cluster.model.MemberRestart.Start;
import io.orogen.cluster.model.MemberRestart.Stop;
import io.orogen.cluster.model.MemberRestart.Wait;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberRestartTest {

  static final MemberStatus DOWN = MemberStatus.unreachable("http://127.0.0.1:2379");

  static MemberStatus answers(String version, long raftIndex) {
    return new MemberStatus("http://127.0.0.1:2379", true, "a1", "b2", version, raftIndex, 1);
  }

  @Test
  void aLiveMemberIsStoppedFirstAndStartedOnceItStopped() {
    for (MemberState live :
        List.of(MemberState.RUNNING, MemberState.STARTING, MemberState.EXITED)) {
      assertThat(MemberRestart.next(Stage.STOPPING, live, DOWN, "3.5.30", 10L))
          .isInstanceOf(Stop.class);
    }
    assertThat(MemberRestart.next(Stage.STOPPING, MemberState.STOPPING, DOWN, "3.5.30", 10L))
        .isInstanceOf(Wait.class);
    assertThat(MemberRestart.next(Stage.STOPPING, MemberState.STOPPED, DOWN, "3.5.30", 10L))
        .isInstanceOf(Start.class);
  }

  @Test
  void itIsDoneOnlyOnceItAnswersOnTheNewReleaseAndCaughtUp() {
    assertThat(MemberRestart.next(Stage.STARTING, MemberState.STARTING, DOWN, "3.5.30", 10L))
        .isInstanceOf(Wait.class);
    assertThat(
            MemberRestart.next(
                Stage.STARTING, MemberState.RUNNING, answers("3.5.16", 10), "3.5.30", 10L))
        .isEqualTo(new Wait("answers on 3.5.16, not yet on 3.5.30"));
    assertThat(
            MemberRestart.next(
                Stage.STARTING, MemberState.RUNNING, answers("3.5.30", 10), "3.5.30", 5_000L))
        .isEqualTo(new Wait("catching up: Raft index 10 of 5000"));
    assertThat(
            MemberRestart.next(
                Stage.STARTING, MemberState.RUNNING, answers("3.5.30", 10), "3.5.30", null))
        .isInstanceOf(Wait.class);
    assertThat(
            MemberRestart.next(
                Stage.STARTING, MemberState.RUNNING, answers("3.5.30", 4_500), "3.5.30", 5_000L))
        .isInstanceOf(Done.class);
  }

  @Test
  void theClusterRunsTheOldestReleaseOfItsVoters() {
    assertThat(MemberRestart.clusterVersion(List.of("3.5.30", "3.4.23", "3.5.16")))
        .contains("3.4.23");
    assertThat(MemberRestart.clusterVersion(List.of("3.5.30", "3.5.30"))).contains("3.5.30");
    assertThat(MemberRestart.clusterVersion(List.of())).isEmpty();
  }
}

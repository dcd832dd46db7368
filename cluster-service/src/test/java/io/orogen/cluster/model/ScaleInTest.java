package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.cluster.model.ScaleIn.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleInTest {

  static Candidate member(int ordinal, boolean leader, int nodeLoad) {
    return new Candidate("c-" + ordinal, ordinal, true, leader, true, nodeLoad);
  }

  @Test
  void removesTheNewestFollower() {
    List<Candidate> voters =
        List.of(member(1, false, 1), member(2, true, 1), member(4, false, 1), member(3, false, 1));
    assertThat(ScaleIn.choose(voters)).map(Candidate::name).contains("c-4");
  }

  @Test
  void removesAFollowerBeforeTheLeader() {
    List<Candidate> voters = List.of(member(1, false, 1), member(5, true, 1));
    assertThat(ScaleIn.choose(voters)).map(Candidate::name).contains("c-1");
  }

  @Test
  void removesTheLeaderWhenItsNodeIsTheBusiest() {
    List<Candidate> voters = List.of(member(1, false, 1), member(2, true, 3), member(3, false, 2));
    assertThat(ScaleIn.choose(voters)).map(Candidate::name).contains("c-2");
  }

  @Test
  void removesAMemberThatDoesNotAnswerFirst() {
    Candidate silent = new Candidate("c-1", 1, false, false, true, 1);
    Candidate lost = new Candidate("c-2", 2, true, false, false, 1);
    assertThat(ScaleIn.choose(List.of(member(3, false, 5), lost, silent)))
        .map(Candidate::name)
        .contains("c-1");
    assertThat(ScaleIn.choose(List.of(member(3, false, 5), lost)))
        .map(Candidate::name)
        .contains("c-2");
  }
}

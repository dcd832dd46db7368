package io.orogen.cluster.model;

import io.orogen.events.cluster.DegradedReason;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A verdict on a cluster from its voting members' answers: whole (as many voters as expected, all
 * answer, all follow one leader), degraded but serving (a majority of the voters answers), or
 * without quorum.
 *
 * @param expected how many voting members the cluster should have now
 * @param voters how many voting members it has
 * @param healthy how many of them answered
 * @param leaders the distinct leaders the answering members follow
 */
public record ClusterHealth(int expected, int voters, int healthy, Set<String> leaders) {

  /**
   * @param expected how many voting members the cluster should have now
   * @param voters how many voting members it has
   * @param statuses the answers of the voting members that run
   */
  public static ClusterHealth assess(int expected, int voters, List<MemberStatus> statuses) {
    List<MemberStatus> answering = statuses.stream().filter(MemberStatus::reachable).toList();
    Set<String> leaders =
        answering.stream()
            .map(MemberStatus::leaderId)
            .filter(l -> l != null && !l.equals("0"))
            .collect(Collectors.toSet());
    return new ClusterHealth(expected, voters, answering.size(), leaders);
  }

  /** As many voters as expected, every one answers, and they agree on one leader. */
  public boolean whole() {
    return voters == expected && healthy == voters && leaders.size() == 1;
  }

  /** A majority of the voters answers and follows a leader. */
  public boolean hasQuorum() {
    return healthy > voters / 2 && !leaders.isEmpty();
  }

  public DegradedReason reason() {
    return hasQuorum() ? DegradedReason.MEMBER_UNHEALTHY : DegradedReason.QUORUM_LOST;
  }

  public String summary() {
    return healthy
        + " of "
        + expected
        + " members answer"
        + (hasQuorum() ? "; the cluster still has quorum" : "; quorum is lost");
  }
}

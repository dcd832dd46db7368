package io.orogen.cluster.model;

import io.orogen.events.cluster.DegradedReason;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A verdict on a cluster from its members' answers: whole (every member answers and all follow one
 * leader), degraded but serving (a majority answers), or without quorum.
 *
 * @param size how many members the cluster should have
 * @param healthy how many answered
 * @param leaders the distinct leaders the answering members follow
 */
public record ClusterHealth(int size, int healthy, Set<String> leaders) {

  public static ClusterHealth assess(int size, List<MemberStatus> statuses) {
    List<MemberStatus> answering = statuses.stream().filter(MemberStatus::reachable).toList();
    Set<String> leaders =
        answering.stream()
            .map(MemberStatus::leaderId)
            .filter(l -> l != null && !l.equals("0"))
            .collect(Collectors.toSet());
    return new ClusterHealth(size, answering.size(), leaders);
  }

  /** Every member answers and they agree on one leader. */
  public boolean whole() {
    return healthy == size && leaders.size() == 1;
  }

  /** A majority answers. */
  public boolean hasQuorum() {
    return healthy > size / 2 && !leaders.isEmpty();
  }

  public DegradedReason reason() {
    return hasQuorum() ? DegradedReason.MEMBER_UNHEALTHY : DegradedReason.QUORUM_LOST;
  }

  public String summary() {
    return healthy
        + " of "
        + size
        + " members answer"
        + (hasQuorum() ? "; the cluster still has quorum" : "; quorum is lost");
  }
}

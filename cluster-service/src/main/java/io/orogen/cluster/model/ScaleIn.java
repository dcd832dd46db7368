package io.orogen.cluster.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Chooses the member a scale-in removes. */
public final class ScaleIn {

  private ScaleIn() {}

  /**
   * A voting member as scale-in sees it.
   *
   * @param name its name
   * @param ordinal the number in its name
   * @param answering whether it answered the last probe
   * @param leader whether it leads
   * @param nodeReady whether its node sends heartbeats
   * @param nodeLoad how many members its node runs
   */
  public record Candidate(
      String name,
      int ordinal,
      boolean answering,
      boolean leader,
      boolean nodeReady,
      int nodeLoad) {}

  private static final Comparator<Candidate> FIRST_TO_GO =
      Comparator.comparing((Candidate c) -> c.answering())
          .thenComparing(c -> c.nodeReady())
          .thenComparing(Comparator.comparingInt(Candidate::nodeLoad).reversed())
          .thenComparing(c -> c.leader())
          .thenComparing(Comparator.comparingInt(Candidate::ordinal).reversed());

  /**
   * The member to remove: one that does not answer, else one on a lost node, else one on the
   * busiest node, a follower before the leader, the newest first. The leader goes only when its
   * node is busier than every follower's; it hands over leadership first.
   */
  public static Optional<Candidate> choose(List<Candidate> voters) {
    return voters.stream().min(FIRST_TO_GO);
  }
}

package io.orogen.cluster.model;

import io.orogen.events.cluster.MemberFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the next change of a cluster's membership: at most one per pass, none without quorum, in
 * the order etcd's runtime-reconfiguration guide gives. Pure: the reconciler describes the cluster
 * and carries out the step.
 *
 * <ol>
 *   <li>No change while fewer than a majority of the voters answer.
 *   <li>A joining member goes on: added as a learner, started, promoted once it answers (a joining
 *       member that failed is retired instead).
 *   <li>A failed voter is retired, once a node can take its successor and the others keep quorum (a
 *       member whose data is gone also when only its own node can: it is re-created there); the
 *       only member of a cluster is never retired (its data would go).
 *   <li>Fewer voters than the size: plan one new member, the successor of the oldest retired failed
 *       member that has none yet.
 *   <li>More voters than the size: retire the member {@link ScaleIn} chooses; a leader hands over
 *       leadership first.
 *   <li>The size reached and the cluster whole while scaling: the scaling is finished.
 *   <li>A leadership transfer asked for: the leader hands over to the member named, once it
 *       answers; done when it leads; given up when it took too long or the member left.
 * </ol>
 */
public final class MembershipPlan {

  private MembershipPlan() {}

  /**
   * A member as the plan sees it.
   *
   * @param name its name
   * @param ordinal the number in its name
   * @param state its process state
   * @param membership its place in etcd's membership
   * @param failure why it is to be replaced, or null
   * @param replaces the member it is the successor of, or null
   * @param answering whether it answered this pass
   * @param leader whether it leads
   * @param raftIndex its Raft index
   * @param nodeReady whether its node sends heartbeats
   * @param nodeLoad how many members its node runs
   */
  public record Member(
      String name,
      int ordinal,
      MemberState state,
      Membership membership,
      MemberFailure failure,
      String replaces,
      boolean answering,
      boolean leader,
      long raftIndex,
      boolean nodeReady,
      int nodeLoad) {

    boolean voter() {
      return membership == Membership.VOTER;
    }
  }

  /**
   * The cluster as the plan sees it.
   *
   * @param size the number of voters it should have
   * @param scaling whether a scaling is in progress
   * @param whole whether every voter answers and follows one leader
   * @param members every member, retired ones included
   * @param placement why no node could take one more member now, if none could
   * @param transfer the leadership transfer asked for, if one was
   */
  public record Cluster(
      int size,
      boolean scaling,
      boolean whole,
      List<Member> members,
      Optional<String> placement,
      Optional<Transfer> transfer) {

    public Cluster(
        int size,
        boolean scaling,
        boolean whole,
        List<Member> members,
        Optional<String> placement) {
      this(size, scaling, whole, members, placement, Optional.empty());
    }
  }

  /**
   * A leadership transfer asked for.
   *
   * @param to the member to lead
   * @param overdue whether it has taken longer than it may
   */
  public record Transfer(String to, boolean overdue) {}

  /** A step of the plan. */
  public sealed interface Step {}

  /** Nothing to change now; {@code reason}, when not null, says what is in the way. */
  public record Wait(String reason) implements Step {}

  /** Add the joining member {@code member} to the membership as a learner, and start it. */
  public record AddLearner(String member) implements Step {}

  /** Promote the learner {@code member} to a voter, once it caught up with the leader. */
  public record Promote(String member) implements Step {}

  /** Remove {@code member} from the membership and stop it. */
  public record Retire(String member) implements Step {}

  /** Plan one new member on a free node, the successor of {@code replaces} (or of none). */
  public record PlanMember(String replaces) implements Step {}

  /** Have the leader {@code from} hand leadership to {@code to}. */
  public record MoveLeader(String from, String to) implements Step {}

  /** The size is reached: the scaling is done. */
  public record FinishScaling() implements Step {}

  /** The member a transfer named leads: the transfer is done. */
  public record LeaderMoved(String to) implements Step {}

  /** The transfer cannot be carried out, for {@code reason}. */
  public record AbandonTransfer(String reason) implements Step {}

  public static Step next(Cluster cluster) {
    List<Member> voters = cluster.members().stream().filter(Member::voter).toList();
    List<Member> answering = voters.stream().filter(Member::answering).toList();
    if (voters.isEmpty() || answering.size() <= voters.size() / 2) {
      return new Wait(null); // no change without quorum
    }
    Optional<Member> joining =
        cluster.members().stream()
            .filter(
                m -> m.membership() == Membership.JOINING || m.membership() == Membership.LEARNER)
            .findFirst();
    if (joining.isPresent()) {
      return advance(joining.get());
    }
    Optional<Member> failed = voters.stream().filter(m -> m.failure() != null).findFirst();
    if (failed.isPresent()) {
      return replace(cluster, failed.get(), voters, answering);
    }
    if (voters.size() < cluster.size()) {
      if (cluster.placement().isPresent()) {
        return new Wait(cluster.placement().get());
      }
      return new PlanMember(oldestWithoutSuccessor(cluster.members()).orElse(null));
    }
    if (voters.size() > cluster.size()) {
      return shrink(voters, answering);
    }
    if (cluster.scaling()) {
      return cluster.whole() ? new FinishScaling() : new Wait(null);
    }
    return cluster.transfer().map(t -> transfer(t, voters)).orElse(new Wait(null));
  }

  private static Step transfer(Transfer transfer, List<Member> voters) {
    Optional<Member> target =
        voters.stream().filter(m -> m.name().equals(transfer.to())).findFirst();
    if (target.isEmpty()) {
      return new AbandonTransfer("member " + transfer.to() + " is no longer a voting member");
    }
    if (target.get().leader()) {
      return new LeaderMoved(transfer.to());
    }
    if (transfer.overdue()) {
      return new AbandonTransfer(
          target.get().answering()
              ? "member " + transfer.to() + " did not take over the leadership in time"
              : "member " + transfer.to() + " does not answer");
    }
    Optional<Member> leader = voters.stream().filter(Member::leader).findFirst();
    if (leader.isEmpty() || !target.get().answering()) {
      return new Wait(null); // no leader to hand over from yet, or the member is not back yet
    }
    return new MoveLeader(leader.get().name(), transfer.to());
  }

  private static Step advance(Member joining) {
    if (joining.failure() != null) {
      return new Retire(joining.name()); // it failed before it could join
    }
    if (joining.membership() == Membership.JOINING && joining.state() == MemberState.PLANNED) {
      return new AddLearner(joining.name());
    }
    if (joining.membership() == Membership.LEARNER
        && joining.state() == MemberState.RUNNING
        && joining.answering()) {
      return new Promote(joining.name());
    }
    return new Wait(null); // starting, or catching up
  }

  private static Step replace(
      Cluster cluster, Member failed, List<Member> voters, List<Member> answering) {
    if (voters.size() <= 1) {
      return new Wait(
          "member "
              + failed.name()
              + " failed and is the only member; it cannot be replaced without losing the data");
    }
    // A member whose data is gone is re-created on its own node when no other can take it: retired
    // first, its node is free for its successor. Any other failed member stays until a node can.
    boolean inPlace = failed.failure() == MemberFailure.DATA_LOST && failed.nodeReady();
    if (cluster.placement().isPresent() && !inPlace) {
      return new Wait(cluster.placement().get()); // the failed member stays, and may return
    }
    long answeringAfter = answering.stream().filter(m -> m != failed).count();
    if (answeringAfter <= (voters.size() - 1) / 2) {
      return new Wait("removing " + failed.name() + " now would lose quorum");
    }
    return new Retire(failed.name());
  }

  private static Step shrink(List<Member> voters, List<Member> answering) {
    ScaleIn.Candidate choice =
        ScaleIn.choose(
                voters.stream()
                    .map(
                        m ->
                            new ScaleIn.Candidate(
                                m.name(),
                                m.ordinal(),
                                m.answering(),
                                m.leader(),
                                m.nodeReady(),
                                m.nodeLoad()))
                    .toList())
            .orElseThrow();
    List<Member> rest = answering.stream().filter(m -> !m.name().equals(choice.name())).toList();
    if (choice.leader()) {
      return rest.stream()
          .max(Comparator.comparingLong(Member::raftIndex))
          .<Step>map(next -> new MoveLeader(choice.name(), next.name()))
          .orElse(new Wait("no member can take over the leadership of " + choice.name()));
    }
    if (rest.size() <= (voters.size() - 1) / 2) {
      return new Wait("removing " + choice.name() + " now would lose quorum");
    }
    return new Retire(choice.name());
  }

  /** The oldest member retired for a failure that no other member replaces yet. */
  private static Optional<String> oldestWithoutSuccessor(List<Member> members) {
    return members.stream()
        .filter(m -> m.membership() == Membership.REMOVED && m.failure() != null)
        .filter(m -> members.stream().noneMatch(n -> m.name().equals(n.replaces())))
        .min(Comparator.comparingInt(Member::ordinal))
        .map(Member::name);
  }
}

package io.orogen.backup.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which member a snapshot is streamed from: a follower when one answers (the leader is spared the
 * extra disk and network load), the one furthest along in the Raft log; the leader otherwise.
 */
public final class SnapshotSource {

  /**
   * What one member said when asked for its status.
   *
   * @param member the member's name
   * @param clientUrl where it answers
   * @param leader whether it is the leader
   * @param raftIndex its applied Raft index
   * @param version its etcd version
   */
  public record Status(
      String member, String clientUrl, boolean leader, long raftIndex, String version) {}

  private SnapshotSource() {}

  /** The member to stream from among those that answered, if any answered. */
  public static Optional<Status> choose(List<Status> answered) {
    Comparator<Status> furthest = Comparator.comparingLong(Status::raftIndex);
    return answered.stream()
        .filter(s -> !s.leader())
        .max(furthest.thenComparing(Status::member, Comparator.reverseOrder()))
        .or(() -> answered.stream().filter(Status::leader).findFirst());
  }
}

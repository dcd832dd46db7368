package io.orogen.cluster.model;

import io.orogen.events.cluster.MemberRole;
import java.util.Objects;

/**
 * What one member said, or that it did not answer.
 *
 * @param clientUrl the member's client URL
 * @param reachable whether it answered in time
 * @param memberId its etcd member id in hex
 * @param leaderId the leader it follows, in hex; {@code 0} when it knows none
 * @param version the etcd release it runs
 * @param raftIndex its Raft index
 * @param dbSize its database size in bytes
 */
public record MemberStatus(
    String clientUrl,
    boolean reachable,
    String memberId,
    String leaderId,
    String version,
    long raftIndex,
    long dbSize) {

  /** Leader when it follows itself, follower when it answers, unknown when it does not. */
  public MemberRole role() {
    if (!reachable) {
      return MemberRole.UNKNOWN;
    }
    return Objects.equals(memberId, leaderId) ? MemberRole.LEADER : MemberRole.FOLLOWER;
  }

  public static MemberStatus unreachable(String clientUrl) {
    return new MemberStatus(clientUrl, false, null, null, null, 0, 0);
  }
}

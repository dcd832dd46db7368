package io.orogen.cluster.etcd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes a managed cluster's membership through etcd's own API. Every method is safe to call again
 * after a crash: it looks before it changes. Member ids are etcd's, in hex.
 */
public interface EtcdMembership {

  /** The id of the member with {@code peerUrl}, if it is in the membership. */
  Optional<String> find(List<String> endpoints, String peerUrl);

  /**
   * Adds member {@code name} at {@code peerUrl} as a learner, or finds it when it was added before.
   */
  Added addLearner(List<String> endpoints, String name, String peerUrl);

  /**
   * A member added to the membership.
   *
   * @param memberId its id
   * @param initialCluster the whole membership, name to peer URL, as the new member's {@code
   *     --initial-cluster} must give it
   */
  record Added(String memberId, Map<String, String> initialCluster) {}

  /**
   * Promotes a learner to a voting member; {@code false} while it has not caught up with the
   * leader. A member that already votes counts as promoted.
   */
  boolean promote(List<String> endpoints, String memberId);

  /** Removes a member; removing one that is gone has no effect. */
  void remove(List<String> endpoints, String memberId);

  /** Asks the leader, at {@code leaderClientUrl}, to hand leadership to {@code memberId}. */
  void moveLeader(String leaderClientUrl, String memberId);

  /** A membership change etcd refused or did not answer in time. */
  final class MembershipException extends RuntimeException {
    public MembershipException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

package io.orogen.cluster.model;

import io.orogen.events.EtcdVersion;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's restart on a given release ({@code RestartMember}), one step per reconcile pass: stop
 * it, start it on the release once it stopped, done once it answers on the release and has caught
 * up with the leader.
 */
public final class MemberRestart {

  /**
   * How far behind the leader's Raft index a restarted member may be and count as caught up: the
   * two indexes are read a few milliseconds apart, so under writes they never match.
   */
  public static final long CAUGHT_UP_LAG = 1_000;

  /** Where a restart stands, as the member row records it. */
  public enum Stage {
    STOPPING,
    STARTING
  }

  /** What to do next. */
  public sealed interface Step {}

  /** Stop the member's process (its data stays). */
  public record Stop() implements Step {}

  /** Start it again on the release, on its own data. */
  public record Start() implements Step {}

  /** It answers on the release and caught up: report it. */
  public record Done() implements Step {}

  /** Nothing to do in this pass. */
  public record Wait(String why) implements Step {}

  private MemberRestart() {}

  /**
   * @param stage where the restart stands
   * @param state the member's process state
   * @param status what the member answered in this pass
   * @param version the release it is restarted on
   * @param leaderIndex the leader's Raft index in this pass, or null when no leader answered
   */
  public static Step next(
      Stage stage, MemberState state, MemberStatus status, String version, Long leaderIndex) {
    if (stage == Stage.STOPPING) {
      return switch (state) {
        case STARTING, RUNNING, EXITED -> new Stop();
        case STOPPED -> new Start();
        case STOPPING -> new Wait("stopping");
        default -> new Wait("not placed (" + state + ")");
      };
    }
    if (state != MemberState.RUNNING || !status.reachable()) {
      return new Wait("starting on " + version);
    }
    if (!Objects.equals(version, status.version())) {
      return new Wait("answers on " + status.version() + ", not yet on " + version);
    }
    if (leaderIndex == null) {
      return new Wait("the cluster has no leader");
    }
    if (status.raftIndex() + CAUGHT_UP_LAG < leaderIndex) {
      return new Wait("catching up: Raft index " + status.raftIndex() + " of " + leaderIndex);
    }
    return new Done();
  }

  /**
   * The cluster's release while its voters run {@code versions}: the oldest of them, as etcd's own
   * cluster version is the lowest its members run.
   */
  public static Optional<String> clusterVersion(Collection<String> versions) {
    return versions.stream()
        .map(EtcdVersion::parse)
        .flatMap(Optional::stream)
        .min(EtcdVersion::compareTo)
        .map(EtcdVersion::toString);
  }
}

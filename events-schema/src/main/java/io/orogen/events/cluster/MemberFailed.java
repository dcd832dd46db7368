package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A member of the cluster failed; self-healing will restart or replace it.
 *
 * @param cluster the cluster's name
 * @param member the member's name
 * @param node the node it ran on
 * @param failure what went wrong
 * @param message a sentence for people
 * @param exitCode the process exit code, when the process exited
 * @param attempt for a process that exited: how often it exited lately (the crash-loop count)
 * @param restartInMillis for a process that exited: the back-off before it is restarted in place
 */
@ContractType(
    description = "A member of the cluster failed; self-healing will restart or replace it.")
public record MemberFailed(
    String cluster,
    String member,
    String node,
    MemberFailure failure,
    String message,
    Integer exitCode,
    Integer attempt,
    Long restartInMillis)
    implements Event {

  /** A failure that is not an exit to be restarted. */
  public MemberFailed(
      String cluster, String member, String node, MemberFailure failure, String message) {
    this(cluster, member, node, failure, message, null, null, null);
  }

  @Override
  public String aggregateId() {
    return cluster;
  }
}

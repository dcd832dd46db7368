package io.orogen.events.node;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * An etcd member process ended.
 *
 * @param node the node's name
 * @param cluster the cluster's name
 * @param member the member's name
 * @param exitCode the exit code, when the agent could see it (not for re-adopted processes)
 * @param requested true when a {@code StopMember} asked for it
 * @param lastLogLines the end of the member's log
 * @param dataLost true when the member cannot run from its data any more: its data directory is
 *     gone, or its log says the data is unusable (a plain crash leaves it false); absent from older
 *     agents
 */
@ContractType(description = "An etcd member process ended.")
public record MemberProcessExited(
    String node,
    String cluster,
    String member,
    Integer exitCode,
    boolean requested,
    List<String> lastLogLines,
    Boolean dataLost)
    implements Event {

  @Override
  public String aggregateId() {
    return node;
  }
}

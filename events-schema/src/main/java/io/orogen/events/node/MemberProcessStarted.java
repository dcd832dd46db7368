package io.orogen.events.node;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * An etcd member process runs on the node: started on command, or re-adopted by a restarted agent.
 *
 * @param node the node's name
 * @param cluster the cluster's name
 * @param member the member's name
 * @param version the etcd version it runs
 * @param pid the process id
 * @param peerUrl its peer URL
 * @param clientUrl its client URL
 * @param dataDir its data directory on the node
 * @param adopted true when a restarted agent found it already running
 */
@ContractType(description = "An etcd member process runs on the node.")
public record MemberProcessStarted(
    String node,
    String cluster,
    String member,
    String version,
    long pid,
    String peerUrl,
    String clientUrl,
    String dataDir,
    boolean adopted)
    implements Event {

  @Override
  public String aggregateId() {
    return node;
  }
}

package io.orogen.events.node;

/**
 * An etcd member process as its agent sees it.
 *
 * @param cluster the cluster's name
 * @param member the member's name
 * @param version the etcd version it runs
 * @param pid the process id, while it runs
 * @param running whether the process is alive
 * @param peerUrl its peer URL
 * @param clientUrl its client URL
 */
public record MemberProcess(
    String cluster,
    String member,
    String version,
    Long pid,
    boolean running,
    String peerUrl,
    String clientUrl) {}

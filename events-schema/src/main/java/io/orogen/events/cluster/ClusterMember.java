package io.orogen.events.cluster;

/**
 * One member of a managed cluster as events report it.
 *
 * @param name the member's name, unique in its cluster
 * @param node the node (host) it runs on
 * @param id the etcd member id in hexadecimal, once etcd assigned one
 * @param peerUrl the URL other members reach it at
 * @param clientUrl the URL clients reach it at
 * @param role leader, follower, learner, or unknown when it does not answer
 * @param version the etcd version the member runs
 */
public record ClusterMember(
    String name,
    String node,
    String id,
    String peerUrl,
    String clientUrl,
    MemberRole role,
    String version) {}

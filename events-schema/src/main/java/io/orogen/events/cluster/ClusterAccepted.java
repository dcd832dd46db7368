package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * A {@code CreateCluster} command was valid and the cluster is being provisioned.
 *
 * @param cluster the cluster's name
 * @param size the number of members
 * @param version the exact etcd version the request resolved to
 * @param requestedVersion the version as requested ({@code 3.5} or {@code 3.5.16})
 * @param provider where the members run
 * @param clusterToken this incarnation's token: {@code DeleteCluster} may name it, so that it acts
 *     on this cluster only
 */
@ContractType(
    description = "A CreateCluster command was valid and the cluster is being provisioned.")
public record ClusterAccepted(
    String cluster,
    int size,
    String version,
    String requestedVersion,
    Provider provider,
    String clusterToken)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

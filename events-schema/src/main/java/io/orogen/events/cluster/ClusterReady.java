package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * The cluster has a leader and every member answers: clients can use the endpoints.
 *
 * @param cluster the cluster's name
 * @param version the exact etcd version
 * @param size the number of members
 * @param endpoints the client URLs, for {@code etcdctl --endpoints} or any etcd client
 * @param members every member, with its node and role
 */
@ContractType(
    description =
        "The cluster has a leader and every member answers: clients can use the endpoints.")
public record ClusterReady(
    String cluster, String version, int size, List<String> endpoints, List<ClusterMember> members)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

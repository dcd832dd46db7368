package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * The cluster reached the size a {@code ScaleCluster} asked for.
 *
 * @param cluster the cluster's name
 * @param previousSize the size before
 * @param size the size now
 * @param endpoints the client URLs
 * @param members every member
 */
@ContractType(description = "The cluster reached the size a ScaleCluster asked for.")
public record ClusterScaled(
    String cluster, int previousSize, int size, List<String> endpoints, List<ClusterMember> members)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

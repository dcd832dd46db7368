package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Stops a cluster's members and removes their data.
 *
 * @param cluster the cluster's name
 * @param clusterToken the token of the incarnation to delete ({@code ClusterAccepted} gives it), if
 *     given: a late or replayed delete then never touches a new cluster of the same name
 */
@ContractType(description = "Stops a cluster's members and removes their data.")
public record DeleteCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @Size(max = 128) String clusterToken)
    implements Command {

  /** A delete of whatever cluster has the name now. */
  public DeleteCluster(String cluster) {
    this(cluster, null);
  }

  @Override
  public String aggregateId() {
    return cluster;
  }
}

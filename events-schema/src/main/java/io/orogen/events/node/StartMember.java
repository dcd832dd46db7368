package io.orogen.events.node;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import io.orogen.events.RestoreFrom;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Tells a node's agent to start an etcd member process. Starting a member that already runs with
 * the same settings has no further effect.
 *
 * @param node the node that runs the member
 * @param cluster the cluster's name
 * @param member the member's name, unique in its cluster
 * @param version the exact etcd version to run
 * @param clusterToken etcd's {@code --initial-cluster-token}
 * @param initialCluster etcd's {@code --initial-cluster}: member name to peer URL, this member
 *     included
 * @param initialClusterState {@code new} for a new cluster, {@code existing} to join one
 * @param peerPort the peer port, or absent to let the agent choose one from its range
 * @param clientPort the client port, or absent to let the agent choose one from its range
 * @param restoreFrom for a founding member of a cluster restored from a backup: the artifact its
 *     data is restored from before its first start
 */
@ContractType(description = "Tells a node's agent to start an etcd member process.")
public record StartMember(
    @NotNull
        @Size(min = 1, max = 253)
        @Pattern(regexp = Constraints.NODE_NAME, message = Constraints.NODE_NAME_MESSAGE)
        String node,
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String member,
    @NotNull
        @Pattern(regexp = Constraints.EXACT_VERSION, message = Constraints.EXACT_VERSION_MESSAGE)
        String version,
    @NotBlank @Size(max = 128) String clusterToken,
    @NotEmpty Map<@NotBlank String, @NotBlank String> initialCluster,
    @NotNull InitialClusterState initialClusterState,
    @Min(1) @Max(65535) Integer peerPort,
    @Min(1) @Max(65535) Integer clientPort,
    @Valid RestoreFrom restoreFrom)
    implements Command {

  /** A member that starts empty, or on the data it has. */
  public StartMember(
      String node,
      String cluster,
      String member,
      String version,
      String clusterToken,
      Map<String, String> initialCluster,
      InitialClusterState initialClusterState,
      Integer peerPort,
      Integer clientPort) {
    this(
        node,
        cluster,
        member,
        version,
        clusterToken,
        initialCluster,
        initialClusterState,
        peerPort,
        clientPort,
        null);
  }

  @Override
  public String aggregateId() {
    return node;
  }
}

package io.orogen.events.node;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Tells a node's agent to delete a stopped member's data directory.
 *
 * @param node the node that runs the member
 * @param cluster the cluster's name
 * @param member the member's name
 * @param clusterToken the {@code --initial-cluster-token} the member was started with, if given:
 *     the command then acts only on that incarnation of the member, so a late command about a
 *     deleted cluster never touches a new cluster of the same name
 */
@ContractType(description = "Tells a node's agent to delete a stopped member's data directory.")
public record RemoveMemberData(
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
    @Size(max = 128) String clusterToken)
    implements Command {

  @Override
  public String aggregateId() {
    return node;
  }
}

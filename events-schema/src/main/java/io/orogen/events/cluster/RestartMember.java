package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Restarts one voting member on its own data with a given etcd release: a step of a rolling
 * upgrade, or of its rollback. The member is stopped, started again with the release (node agents:
 * that release's binary on the same data directory; Kubernetes: the Pod recreated with that image
 * on the same claim), and {@code MemberRestarted} answers once it answers on the release and has
 * caught up with the leader. Refused while the cluster is created, scaled, restored, deleted or
 * hands its leadership over, while another member restarts, when the member's node lacks the
 * release, or when the others could not keep quorum without the member. Asking again while it
 * restarts changes the release it is restarted on.
 *
 * @param cluster the cluster's name
 * @param member the voting member to restart
 * @param version the exact etcd release to run from now on (its own release for a plain restart)
 */
@ContractType(description = "Restarts one voting member on its own data with a given etcd release.")
public record RestartMember(
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
        String version)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

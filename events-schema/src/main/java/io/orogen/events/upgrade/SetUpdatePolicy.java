package io.orogen.events.upgrade;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Sets how a cluster is kept up to date: the channel it follows, whether updates start by
 * themselves or after approval, and its maintenance windows. Answered by {@code UpdatePolicySet}.
 *
 * @param cluster the cluster's name
 * @param channel {@code patch}, {@code minor} or {@code pinned}
 * @param strategy {@code automatic} or {@code approval}; {@code approval} when absent
 * @param windows the weekly windows automatic runs start in; none means they never start
 */
@ContractType(description = "Sets a cluster's update channel, strategy and maintenance windows.")
public record SetUpdatePolicy(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull UpdateChannel channel,
    UpdateStrategy strategy,
    @Valid @Size(max = 16) List<@Valid @NotNull MaintenanceWindow> windows)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import io.orogen.events.RestoreFrom;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Restores a running cluster in place from a backup artifact (backup-service sends it for {@code
 * RestoreInPlace}): every member is stopped, its data replaced from the artifact under its own name
 * and peer URLs, and started again as a new etcd cluster on the same client endpoints. Refused
 * while the cluster is being created, scaled, deleted, or is replacing a member, or while a
 * member's node is not ready. Answered by {@code MembersRestored}.
 *
 * @param cluster the cluster's name
 * @param restoreFrom the artifact every member restores from
 */
@ContractType(description = "Restores a running cluster in place from a backup artifact.")
public record RestoreMembers(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull @Valid RestoreFrom restoreFrom)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

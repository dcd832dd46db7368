package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import io.orogen.events.OneOf;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Restores a backup into a new cluster: backup-service asks cluster-service for a cluster whose
 * founding members start from the backup's artifact.
 *
 * @param into the new cluster's name (the record key)
 * @param backupId the completed backup to restore
 * @param size the new cluster's members: 1, 3, 5 or 7; 3 when absent
 * @param version the etcd version of the new cluster ({@code 3.5} or exact); the backup's minor
 *     when absent
 */
@ContractType(description = "Restores a backup into a new cluster.")
public record RestoreCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String into,
    @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[a-z0-9][a-z0-9.-]*") String backupId,
    @OneOf({1, 3, 5, 7}) Integer size,
    @Pattern(regexp = Constraints.VERSION, message = Constraints.VERSION_MESSAGE) String version)
    implements Command {

  @Override
  public String aggregateId() {
    return into;
  }
}

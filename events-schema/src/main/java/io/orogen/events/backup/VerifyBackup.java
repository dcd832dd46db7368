package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Verifies a completed backup again: reads it back, restores it into a scratch member and compares.
 *
 * @param cluster the cluster the backup was taken of (the record key)
 * @param backupId the backup's id, as {@code BackupStarted} gave it
 */
@ContractType(
    description =
        "Verifies a completed backup again: reads it back, restores it into a scratch member and compares.")
public record VerifyBackup(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[a-z0-9][a-z0-9.-]*") String backupId)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

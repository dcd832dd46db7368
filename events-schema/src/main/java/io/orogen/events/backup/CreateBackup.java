package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Takes a full snapshot of a cluster now, from a healthy member (a follower when there is one).
 *
 * @param cluster the cluster's name
 * @param storage the configured storage to keep it in; the default storage when absent
 * @param trigger {@code OnDemand} (when absent) or {@code PreUpgrade}: what the backup is recorded
 *     as taken for
 */
@ContractType(description = "Takes a full snapshot of a cluster now, from a healthy member.")
public record CreateBackup(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String storage,
    BackupTrigger trigger)
    implements Command {

  /** A backup of {@code cluster} in the default storage. */
  public CreateBackup(String cluster) {
    this(cluster, null, null);
  }

  /** An on-demand backup of {@code cluster} into {@code storage}. */
  public CreateBackup(String cluster, String storage) {
    this(cluster, storage, null);
  }

  @Override
  public String aggregateId() {
    return cluster;
  }
}

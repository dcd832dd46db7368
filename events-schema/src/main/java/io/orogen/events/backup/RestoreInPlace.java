package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Rolls a cluster back in place: the same name and client endpoints, its data replaced by a
 * backup's (every change since is lost). The members are stopped, their data directories restored
 * from the artifact under their own names and peer URLs, and started as a new etcd cluster. Refused
 * while the cluster is being created, scaled or deleted, replaces a member, or another restore of
 * it runs.
 *
 * @param cluster the cluster to roll back (the record key)
 * @param backupId the completed backup to restore; the cluster's newest when absent (or, with a
 *     target, the newest full snapshot at or before it)
 * @param atRevision roll back to this revision (point-in-time, from delta snapshots)
 * @param atTime roll back to this time
 */
@ContractType(description = "Rolls a cluster back in place to a backup, a revision or a time.")
public record RestoreInPlace(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @Size(min = 1, max = 128) @Pattern(regexp = "[a-z0-9][a-z0-9.-]*") String backupId,
    @Min(1) Long atRevision,
    @PastOrPresent Instant atTime)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

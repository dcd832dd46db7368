package io.orogen.events.backup;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import io.orogen.events.OneOf;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Restores a backup into a new cluster: backup-service asks cluster-service for a cluster whose
 * founding members start from the backup's artifact. With a target revision or time, the newest
 * full snapshot at or before it is restored with the delta snapshots after it replayed up to the
 * target (point-in-time restore).
 *
 * <p>Name the source by {@code backupId} or by {@code fromCluster}, not both: a cluster's newest
 * completed backup is used, or with a target the newest at or before it.
 *
 * @param into the new cluster's name (the record key)
 * @param backupId the completed backup to restore (or the full snapshot to start from)
 * @param size the new cluster's members: 1, 3, 5 or 7; 3 when absent
 * @param version the etcd version of the new cluster ({@code 3.5} or exact); the backup's minor
 *     when absent
 * @param fromCluster the cluster whose backups to restore from, instead of {@code backupId}
 * @param atRevision restore the data as of this revision of the source cluster
 * @param atTime restore the data as of this time (the last change recorded at or before it)
 */
@ContractType(
    description = "Restores a backup into a new cluster, optionally to a revision or a time.")
public record RestoreCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String into,
    @Size(min = 1, max = 128) @Pattern(regexp = "[a-z0-9][a-z0-9.-]*") String backupId,
    @OneOf({1, 3, 5, 7}) Integer size,
    @Pattern(regexp = Constraints.VERSION, message = Constraints.VERSION_MESSAGE) String version,
    @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String fromCluster,
    @Min(1) Long atRevision,
    @PastOrPresent Instant atTime)
    implements Command {

  /** Restores {@code backupId} as it is. */
  public RestoreCluster(String into, String backupId, Integer size, String version) {
    this(into, backupId, size, version, null, null, null);
  }

  @Override
  public String aggregateId() {
    return into;
  }
}

package io.orogen.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A backup artifact a new cluster's founding members start from: each agent downloads it, checks
 * its SHA-256 and restores it with etcd's own tool before the member's first start.
 *
 * @param backupId the backup's id
 * @param url where to download it (backup-service's {@code /api/v1/backups/{id}/artifact})
 * @param sha256 its SHA-256, lower-case hex: a download that differs is refused
 * @param revision the revision it holds
 */
public record RestoreFrom(
    @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[a-z0-9][a-z0-9.-]*") String backupId,
    @NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+") String url,
    @NotNull @Pattern(regexp = "[0-9a-f]{64}") String sha256,
    @NotNull @Min(0) Long revision) {}

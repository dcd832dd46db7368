package io.orogen.events.upgrade;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Upgrades (or moves within its minor) a cluster to an etcd release now: checked against etcd's
 * upgrade path and the cluster's health, then backed up, then rolled one member at a time,
 * followers first, the leader last. Answered by {@code UpgradePlanned} or {@code CommandRejected}
 * naming the reason; the run reports {@code MemberUpgraded} per member and ends with {@code
 * UpgradeCompleted}, {@code UpgradeFailed} or {@code UpgradeAborted}.
 *
 * @param cluster the cluster's name
 * @param targetVersion the exact release to go to
 * @param skipBackup true to start without a pre-upgrade backup (recorded in the run's history)
 */
@ContractType(description = "Upgrades a cluster to an etcd release now, member by member.")
public record UpgradeCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster,
    @NotNull
        @Pattern(regexp = Constraints.EXACT_VERSION, message = Constraints.EXACT_VERSION_MESSAGE)
        String targetVersion,
    Boolean skipBackup)
    implements Command {

  public UpgradeCluster(String cluster, String targetVersion) {
    this(cluster, targetVersion, null);
  }

  @Override
  public String aggregateId() {
    return cluster;
  }
}

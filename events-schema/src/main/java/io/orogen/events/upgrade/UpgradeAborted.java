package io.orogen.events.upgrade;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * An upgrade run was aborted between members; upgraded members were rolled back where etcd allows
 * it.
 *
 * @param runId the run's id
 * @param cluster the cluster's name
 * @param rolledBack the members restarted on the old release
 * @param kept the members left on the new release, with {@code reason} saying why
 * @param reason why members were kept on the new release, or null when none was
 * @param clusterVersion the release the cluster runs now
 */
@ContractType(
    description =
        "An upgrade run was aborted between members; upgraded members were rolled back where etcd allows it.")
public record UpgradeAborted(
    String runId,
    String cluster,
    List<String> rolledBack,
    List<String> kept,
    String reason,
    String clusterVersion)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

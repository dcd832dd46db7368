package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;
import java.util.List;

/**
 * A cluster restored in place ({@code RestoreMembers}) is whole again: every member started from
 * the artifact and answers, on the same client endpoints.
 *
 * @param cluster the cluster's name
 * @param backupId the backup its data came from
 * @param revision the revision it holds
 * @param endpoints its client URLs
 */
@ContractType(description = "A cluster restored in place from a backup is whole again.")
public record MembersRestored(
    String cluster, String backupId, long revision, List<String> endpoints) implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events.cluster;

import io.orogen.events.ContractType;
import io.orogen.events.Event;

/**
 * The member a {@code TransferLeadership} named leads the cluster now.
 *
 * @param cluster the cluster's name
 * @param from the member that led when the transfer was asked for, or null if none was known
 * @param to the member that leads now
 * @param durationMillis from the request to the new leader seen leading
 */
@ContractType(description = "The member a TransferLeadership named leads the cluster now.")
public record LeaderMoved(String cluster, String from, String to, long durationMillis)
    implements Event {

  @Override
  public String aggregateId() {
    return cluster;
  }
}

package io.orogen.events;

/** Topic names of the contract, as constants usable in annotations. */
public final class Topics {

  public static final String CLUSTER_COMMANDS = "orogen.cluster.commands";
  public static final String CLUSTER_EVENTS = "orogen.cluster.events";
  public static final String NODE_COMMANDS = "orogen.node.commands";
  public static final String NODE_EVENTS = "orogen.node.events";
  public static final String BACKUP_COMMANDS = "orogen.backup.commands";
  public static final String BACKUP_EVENTS = "orogen.backup.events";
  public static final String UPGRADE_COMMANDS = "orogen.upgrade.commands";
  public static final String UPGRADE_EVENTS = "orogen.upgrade.events";
  public static final String NODEUPDATE_COMMANDS = "orogen.nodeupdate.commands";
  public static final String NODEUPDATE_EVENTS = "orogen.nodeupdate.events";

  /** Suffix of a dead-letter topic: unreadable records of {@code T} land in {@code T.dlq}. */
  public static final String DLQ_SUFFIX = ".dlq";

  private Topics() {}

  /** The dead-letter topic of {@code topic}. */
  public static String dlq(String topic) {
    return topic + DLQ_SUFFIX;
  }
}

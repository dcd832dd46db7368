package io.orogen.events;

/**
 * A domain of the contract. Each domain has one commands topic (many writers), one events topic
 * (one writing service) and a dead-letter topic for each.
 */
public enum Domain {
  CLUSTER("cluster"),
  NODE("node"),
  BACKUP("backup"),
  UPGRADE("upgrade"),
  NODEUPDATE("nodeupdate");

  private final String id;

  Domain(String id) {
    this.id = id;
  }

  /** The lower-case name used in topic names and CloudEvents types, for example {@code cluster}. */
  public String id() {
    return id;
  }

  public String commandsTopic() {
    return "orogen." + id + ".commands";
  }

  public String eventsTopic() {
    return "orogen." + id + ".events";
  }

  public static Domain fromId(String id) {
    for (Domain domain : values()) {
      if (domain.id.equals(id)) {
        return domain;
      }
    }
    throw new IllegalArgumentException("unknown domain: " + id);
  }
}

package io.orogen.upgrade.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The order a run upgrades members in: the followers by name, then the leader. */
public final class RunOrder {

  private RunOrder() {}

  /**
   * @param members the cluster's voting members
   * @param leader the member that leads, or null when none is known
   */
  public static List<String> of(Collection<String> members, String leader) {
    List<String> order = new ArrayList<>(members.stream().sorted().toList());
    if (leader != null && order.remove(leader)) {
      order.add(leader);
    }
    return order;
  }
}

package io.orogen.events.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The ports a node agent gives to the members it runs, both ends included.
 *
 * @param first the first port
 * @param last the last port
 */
public record PortRange(int first, int last) {

  /**
   * The {@code count} lowest ports of the range that are neither in {@code held} (ports members
   * hold) nor refused by {@code usable} (a port some other program listens on); empty when the
   * range has fewer.
   */
  public List<Integer> lowestFree(Set<Integer> held, int count, IntPredicate usable) {
    List<Integer> chosen = new ArrayList<>(count);
    for (int port = first; port <= last && chosen.size() < count; port++) {
      if (!held.contains(port) && usable.test(port)) {
        chosen.add(port);
      }
    }
    return chosen.size() == count ? chosen : List.of();
  }
}

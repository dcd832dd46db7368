package io.orogen.agent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** Chooses ports for members from the node's range: the lowest ones no member holds. */
public final class PortAllocator {

  private PortAllocator() {}

  /**
   * The {@code count} lowest ports in {@code [first, last]} that are neither held by a member nor
   * refused by {@code available} (a port some other program listens on).
   *
   * @throws IllegalStateException when the range has fewer such ports
   */
  public static List<Integer> allocate(
      int first, int last, Set<Integer> held, int count, IntPredicate available) {
    List<Integer> chosen = new ArrayList<>();
    for (int port = first; port <= last && chosen.size() < count; port++) {
      if (!held.contains(port) && available.test(port)) {
        chosen.add(port);
      }
    }
    if (chosen.size() < count) {
      throw new IllegalStateException("no " + count + " free ports left in " + first + "-" + last);
    }
    return chosen;
  }
}

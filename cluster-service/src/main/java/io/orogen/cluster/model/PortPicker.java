package io.orogen.cluster.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Picks a member's peer and client ports in its node's range, avoiding ports members hold. */
public final class PortPicker {

  private PortPicker() {}

  /** Two ports: peer first, then client; empty when the range is full. */
  public static List<Integer> pick(int first, int last, Set<Integer> held) {
    List<Integer> ports = new ArrayList<>(2);
    for (int port = first; port <= last && ports.size() < 2; port++) {
      if (!held.contains(port)) {
        ports.add(port);
      }
    }
    return ports.size() == 2 ? ports : List.of();
  }
}

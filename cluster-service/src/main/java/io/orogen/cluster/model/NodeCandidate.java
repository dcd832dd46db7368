package io.orogen.cluster.model;

import java.util.List;

/**
 * A node as placement sees it.
 *
 * @param name the node's name
 * @param ready whether it sent a heartbeat recently
 * @param etcdVersions the releases it can run
 * @param members how many members it runs now
 * @param maxMembers how many it can run
 */
public record NodeCandidate(
    String name, boolean ready, List<String> etcdVersions, int members, int maxMembers) {

  public boolean canRun(String version) {
    return ready && members < maxMembers && etcdVersions.contains(version);
  }
}

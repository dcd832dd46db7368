package io.orogen.agent.rest;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.process.EtcdReleases;
import io.orogen.agent.process.MemberSupervisor;
import io.orogen.agent.process.NodeInventory;
import io.orogen.events.node.MemberProcess;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** This node as its agent sees it: {@code GET /api/v1/node}. */
@Path("/api/v1/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

  /**
   * The node's state.
   *
   * @param node its name
   * @param bootId the host's boot id
   * @param address the address members listen on
   * @param labels placement labels
   * @param etcdVersions the etcd releases it can run, newest first
   * @param members the member processes on it
   */
  public record NodeStatus(
      String node,
      String bootId,
      String address,
      Map<String, String> labels,
      List<String> etcdVersions,
      List<MemberProcess> members) {}

  private final AgentConfig config;
  private final NodeInventory inventory;
  private final EtcdReleases releases;
  private final MemberSupervisor supervisor;

  public NodeResource(
      AgentConfig config,
      NodeInventory inventory,
      EtcdReleases releases,
      MemberSupervisor supervisor) {
    this.config = config;
    this.inventory = inventory;
    this.releases = releases;
    this.supervisor = supervisor;
  }

  @GET
  @Blocking
  public NodeStatus status() {
    return new NodeStatus(
        config.nodeName(),
        inventory.bootId(),
        config.address(),
        config.labels(),
        releases.versions(),
        supervisor.members());
  }
}

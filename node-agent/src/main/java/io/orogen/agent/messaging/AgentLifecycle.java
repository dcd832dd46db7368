package io.orogen.agent.messaging;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.process.MemberSupervisor;
import io.orogen.agent.process.NodeInventory;
import io.orogen.events.node.NodeHeartbeat;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The agent's life: on start it registers the node ({@code NodeRegistered} with its inventory) and
 * re-adopts running members; then it sends a {@code NodeHeartbeat} every interval.
 */
@ApplicationScoped
public class AgentLifecycle {

  private static final Logger LOG = Logger.getLogger(AgentLifecycle.class);

  private final AgentConfig config;
  private final NodeInventory inventory;
  private final MemberSupervisor supervisor;
  private final NodeEventPublisher events;

  public AgentLifecycle(
      AgentConfig config,
      NodeInventory inventory,
      MemberSupervisor supervisor,
      NodeEventPublisher events) {
    this.config = config;
    this.inventory = inventory;
    this.supervisor = supervisor;
    this.events = events;
  }

  void onStart(@Observes StartupEvent start) {
    var registration = inventory.registration();
    LOG.infof(
        "node %s registering: etcd %s, ports %d-%d, data root %s",
        config.nodeName(),
        registration.etcdVersions(),
        config.portRangeFirst(),
        config.portRangeLast(),
        config.dataRoot());
    events.publish(registration, null);
    supervisor.adoptAll();
  }

  @Scheduled(
      every = "${orogen.agent.heartbeat-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void heartbeat() {
    supervisor.capLogs();
    events.publishLater(
        new NodeHeartbeat(
            config.nodeName(),
            inventory.bootId(),
            supervisor.members(),
            inventory.diskFreeBytes()));
  }
}

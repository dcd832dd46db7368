package io.orogen.agent.messaging;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.model.EtcdCommandLine;
import io.orogen.agent.model.MemberSpec;
import io.orogen.agent.process.MemberEvents;
import io.orogen.events.Domain;
import io.orogen.events.Event;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.kit.kafka.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/**
 * Writes this node's events to {@code orogen.node.events}, keyed by the node name. Events caused by
 * a command carry its correlation id and its id as causation id.
 */
@ApplicationScoped
public class NodeEventPublisher implements MemberEvents {

  private final Publisher publisher;
  private final AgentConfig config;
  private final URI source;

  public NodeEventPublisher(Publisher publisher, AgentConfig config) {
    this.publisher = publisher;
    this.config = config;
    this.source = source(config);
  }

  /** The {@code ce_source} of this node's records. */
  static URI source(AgentConfig config) {
    return URI.create("/orogen/node-agent/" + config.nodeName());
  }

  @Override
  public void started(MemberSpec spec, long pid, boolean adopted, CloudEvent<?> cause) {
    publish(
        new MemberProcessStarted(
            config.nodeName(),
            spec.cluster(),
            spec.member(),
            spec.version(),
            pid,
            EtcdCommandLine.url(config.address(), spec.peerPort()),
            EtcdCommandLine.url(config.address(), spec.clientPort()),
            config
                .dataRoot()
                .resolve("members")
                .resolve(spec.cluster())
                .resolve(spec.member())
                .resolve("data")
                .toString(),
            adopted),
        cause);
  }

  @Override
  public void exited(
      MemberSpec spec,
      Integer exitCode,
      boolean requested,
      List<String> lastLogLines,
      boolean dataLost,
      CloudEvent<?> cause) {
    publish(
        new MemberProcessExited(
            config.nodeName(),
            spec.cluster(),
            spec.member(),
            exitCode,
            requested,
            lastLogLines,
            dataLost),
        cause);
  }

  @Override
  public void dataRemoved(String cluster, String member, CloudEvent<?> cause) {
    publish(new MemberDataRemoved(config.nodeName(), cluster, member), cause);
  }

  /**
   * Publishes {@code event} as part of {@code cause}'s operation (a new one when null) and waits
   * until Kafka has it, retrying while the broker is away.
   */
  public void publish(Event event, CloudEvent<?> cause) {
    publisher.publish(record(event, cause));
  }

  /** Publishes {@code event} without waiting: for heartbeats, where the next one follows soon. */
  public void publishLater(Event event) {
    publisher.publishLater(record(event, null));
  }

  private CloudEvent<Event> record(Event event, CloudEvent<?> cause) {
    CloudEvent<Event> record = CloudEvent.create(Domain.NODE, source, event);
    return cause == null ? record : record.causedBy(cause);
  }
}

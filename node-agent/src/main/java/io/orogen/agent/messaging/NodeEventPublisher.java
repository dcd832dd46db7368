package io.orogen.agent.messaging;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.model.EtcdCommandLine;
import io.orogen.agent.model.MemberSpec;
import io.orogen.agent.process.MemberEvents;
import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.Event;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.SmallRyeCloudEvents;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Writes this node's events to {@code orogen.node.events}, keyed by the node name. Events caused by
 * a command carry its correlation id and its id as causation id.
 */
@ApplicationScoped
public class NodeEventPublisher implements MemberEvents {

  private static final Logger LOG = Logger.getLogger(NodeEventPublisher.class);

  private final Emitter<byte[]> emitter;
  private final AgentConfig config;
  private final URI source;

  public NodeEventPublisher(@Channel("node-events") Emitter<byte[]> emitter, AgentConfig config) {
    this.emitter = emitter;
    this.config = config;
    this.source = URI.create("/orogen/node-agent/" + config.nodeName());
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
      CloudEvent<?> cause) {
    publish(
        new MemberProcessExited(
            config.nodeName(), spec.cluster(), spec.member(), exitCode, requested, lastLogLines),
        cause);
  }

  @Override
  public void dataRemoved(String cluster, String member, CloudEvent<?> cause) {
    publish(new MemberDataRemoved(config.nodeName(), cluster, member), cause);
  }

  /** Answers a command that had no effect. */
  public void rejected(CommandRejected rejection, CloudEvent<?> cause) {
    publish(rejection, cause);
  }

  /** Publishes {@code event} as part of {@code cause}'s operation (a new one when null). */
  public void publish(Event event, CloudEvent<?> cause) {
    CloudEvent<Event> cloudEvent = CloudEvent.create(Domain.NODE, source, event);
    if (cause != null) {
      cloudEvent = cloudEvent.causedBy(cause);
    }
    String type = cloudEvent.type();
    String correlation = cloudEvent.correlationId();
    emitter.send(
        SmallRyeCloudEvents.toMessage(cloudEvent)
            .withNack(
                failure -> {
                  LOG.errorf(
                      failure,
                      "node %s: could not publish %s (correlation %s)",
                      config.nodeName(),
                      type,
                      correlation);
                  return CompletableFuture.completedFuture(null);
                }));
  }
}

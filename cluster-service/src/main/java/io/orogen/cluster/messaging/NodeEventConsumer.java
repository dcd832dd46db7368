package io.orogen.cluster.messaging;

import io.orogen.cluster.persistence.Conflicts;
import io.orogen.cluster.persistence.ProcessedRecord;
import io.orogen.cluster.service.NodeProjection;
import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.SmallRyeCloudEvents;
import io.orogen.events.envelope.UnreadableRecordException;
import io.orogen.events.node.NodeHeartbeat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps cluster-service's view of nodes and member processes from {@code orogen.node.events}, and
 * wakes the reconciler of the cluster an event concerns.
 */
@ApplicationScoped
public class NodeEventConsumer {

  private static final Logger LOG = Logger.getLogger(NodeEventConsumer.class);

  private final NodeProjection projection;
  private final Reconciliations reconciliations;

  public NodeEventConsumer(NodeProjection projection, Reconciliations reconciliations) {
    this.projection = projection;
    this.reconciliations = reconciliations;
  }

  @Incoming("node-events")
  public Uni<Void> onEvent(Message<byte[]> message) {
    CloudEvent<Payload> event;
    try {
      event = SmallRyeCloudEvents.fromMessage(message);
    } catch (UnreadableRecordException e) {
      LOG.warnf("unreadable node event %s: %s", e.id(), e.getMessage());
      return Uni.createFrom().completionStage(message.nack(e));
    }
    // Heartbeats only move a timestamp forward; recording their ids would buy nothing.
    boolean recordId = !(event.data() instanceof NodeHeartbeat);
    return Conflicts.retry(
            () ->
                Panache.withTransaction(
                    () ->
                        (recordId
                                ? ProcessedRecord.<ProcessedRecord>findById(event.id())
                                : Uni.createFrom().<ProcessedRecord>nullItem())
                            .flatMap(
                                done -> {
                                  if (done != null) {
                                    return Uni.createFrom().item(Optional.<String>empty());
                                  }
                                  Uni<Optional<String>> applied = projection.apply(event.data());
                                  return recordId
                                      ? applied.call(() -> ProcessedRecord.of(event.id()).persist())
                                      : applied;
                                })))
        .invoke(cluster -> cluster.ifPresent(reconciliations::request))
        .chain(() -> Uni.createFrom().completionStage(message.ack()));
  }
}

package io.orogen.cluster.messaging;

import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.events.RejectionCode;
import io.orogen.kit.intake.DeadLetters;
import io.orogen.kit.retry.Lifecycle;
import io.orogen.kit.retry.Retry;
import io.orogen.kit.store.DatabaseFailures;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.text.Bounded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every agent takes the records of {@code orogen.node.commands} keyed with its node's name; a
 * record keyed with no registered node (or with none) would be answered by no one. cluster-service,
 * which knows the nodes, dead-letters those, so nothing on the topic is dropped silently.
 */
@ApplicationScoped
public class NodeCommandAudit {

  private static final Duration FRESH = Duration.ofSeconds(2);

  private final DeadLetters deadLetters;
  private final Retry retry;
  private Set<String> nodes = Set.of();
  private long readAt;

  public NodeCommandAudit(DeadLetters deadLetters, Lifecycle lifecycle) {
    this.deadLetters = deadLetters;
    this.retry = new Retry(lifecycle, DatabaseFailures::isTransient);
  }

  @Incoming("node-commands-audit")
  @Blocking
  public CompletionStage<Void> onRecord(Message<byte[]> message) {
    DeadLetters.Original record = DeadLetters.Original.of(message);
    String key = record.key();
    if (key == null || !registered(key)) {
      deadLetters.send(
          record,
          RejectionCode.NOT_FOUND,
          key == null
              ? "a node command without a key: no agent takes it"
              : "no node named " + Bounded.id(key) + " is registered: no agent takes this record");
    }
    return message.ack();
  }

  private synchronized boolean registered(String node) {
    if (nodes.contains(node)) {
      return true;
    }
    if (System.nanoTime() - readAt > FRESH.toNanos()) {
      nodes =
          retry.run(
              "reading the registered nodes",
              () ->
                  Transactions.await(
                      () ->
                          NodeEntity.<NodeEntity>listAll()
                              .map(
                                  all ->
                                      all.stream().map(n -> n.name).collect(Collectors.toSet()))));
      readAt = System.nanoTime();
    }
    return nodes.contains(node);
  }
}

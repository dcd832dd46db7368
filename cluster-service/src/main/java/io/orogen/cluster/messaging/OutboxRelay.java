package io.orogen.cluster.messaging;

import io.orogen.cluster.persistence.OutboxRecord;
import io.orogen.cluster.persistence.RelayLease;
import io.orogen.cluster.persistence.Transactions;
import io.orogen.events.envelope.CloudEventCodec;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka in id order and marks rows sent only after Kafka acknowledged them.
 *
 * <ol>
 *   <li>Woken after a transaction that appended, or every 200 ms.
 *   <li>Take or renew the relay lease, so only one instance publishes at a time (keeping the order
 *       per aggregate), and read up to 500 unsent rows by id.
 *   <li>Send them (the producer is idempotent with one request in flight, so they stay in order)
 *       and wait for every acknowledgement, outside any transaction.
 *   <li>Mark them sent. After a failure they go again; consumers deduplicate by {@code ce_id}.
 * </ol>
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final String instance = UUID.randomUUID().toString();
  private final Emitter<byte[]> emitter;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  public OutboxRelay(@Channel("outbox") Emitter<byte[]> emitter) {
    this.emitter = emitter;
  }

  void onStart(@Observes StartupEvent start) {
    running = true;
    thread = new Thread(this::loop, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
    running = false;
    wake();
    if (thread != null) {
      thread.join(5_000);
    }
  }

  /** Publishes soon: something was appended. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      int published = 0;
      try {
        published = publishBatch();
      } catch (Throwable e) {
        LOG.warnf("outbox relay: %s; retrying", e.toString());
        sleep(1000);
      }
      if (published == 0) {
        synchronized (signal) {
          if (!woken && running) {
            try {
              signal.wait(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          woken = false;
        }
      }
    }
  }

  private int publishBatch() throws Exception {
    List<OutboxRecord> rows =
        Transactions.await(
            () ->
                RelayLease.acquire(instance, LEASE)
                    .flatMap(
                        held ->
                            held
                                ? OutboxRecord.<OutboxRecord>find("sentAt is null order by id")
                                    .page(0, BATCH)
                                    .list()
                                : Uni.createFrom().item(List.<OutboxRecord>of())));
    if (rows.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
    for (OutboxRecord row : rows) {
      acks.add(send(row));
    }
    // Outside any transaction: Kafka's acknowledgements arrive on the producer's thread.
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    List<Long> ids = rows.stream().map(r -> r.id).toList();
    Transactions.await(() -> OutboxRecord.update("sentAt = ?1 where id in ?2", Instant.now(), ids));
    LOG.debugf(
        "outbox relay: published %d record(s) up to id %d", rows.size(), ids.get(ids.size() - 1));
    return rows.size();
  }

  private CompletableFuture<Void> send(OutboxRecord row) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(row.topic)
            .withKey(row.recordKey)
            .withHeaders(
                CloudEventCodec.headers(
                    row.eventId,
                    URI.create(row.ceSource),
                    row.ceType,
                    row.recordKey,
                    row.ceTime,
                    row.correlationId,
                    row.causationId))
            .build();
    emitter.send(
        Message.of(row.data.getBytes(StandardCharsets.UTF_8), Metadata.of(metadata))
            .withAck(
                () -> {
                  ack.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  ack.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    return ack;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

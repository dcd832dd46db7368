package io.orogen.kit.outbox;

import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.kit.config.KitConfig;
import io.orogen.kit.kafka.KitKafka;
import io.orogen.kit.lease.Leases;
import io.orogen.kit.retry.Retry;
import io.orogen.kit.store.ProcessedRecords;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.text.Bounded;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka in id order and marks rows sent only after Kafka acknowledged them.
 *
 * <ol>
 *   <li>Woken after a transaction that appended, or every 200 ms.
 *   <li>Take or renew the relay lease, so only one instance publishes at a time (keeping the order
 *       per aggregate), and read up to 500 pending rows by id.
 *   <li>Send them (the producer is idempotent with one request in flight, so they stay in order)
 *       and wait for every acknowledgement, outside any transaction.
 *   <li>Mark the acknowledged rows sent. A row Kafka refuses for good (too large, say) is set aside
 *       with the reason and reported, and the rows behind it go on; a row that failed otherwise
 *       goes again, and consumers deduplicate by {@code ce_id}.
 *   <li>Now and then, forget sent rows and processed ids older than the retention.
 * </ol>
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  private final KitKafka kafka;
  private final Leases leases;
  private final ProcessedRecords processed;
  private final KitConfig config;
  private final Object signal = new Object();
  private final AtomicLong setAside = new AtomicLong();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;
  private Instant nextPrune = Instant.now().plus(Duration.ofMinutes(1));

  public OutboxRelay(KitKafka kafka, Leases leases, ProcessedRecords processed, KitConfig config) {
    this.kafka = kafka;
    this.leases = leases;
    this.processed = processed;
    this.config = config;
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

  /** How many rows this instance set aside since it started. */
  public long setAside() {
    return setAside.get();
  }

  private void loop() {
    while (running) {
      int published = 0;
      try {
        published = publishBatch();
        pruneNowAndThen();
      } catch (Throwable e) {
        if (running) {
          LOG.warnf("outbox relay: %s; retrying", Retry.rootMessage(e));
          sleep(1000);
        }
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

  private int publishBatch() {
    List<OutboxRecord> rows =
        Transactions.await(
            () ->
                whileLeased(
                    () ->
                        OutboxRecord.<OutboxRecord>find(
                                "sentAt is null and failedAt is null order by id")
                            .page(0, BATCH)
                            .list(),
                    List.of()));
    if (rows.isEmpty()) {
      return 0;
    }
    List<Future<?>> acks = new ArrayList<>(rows.size());
    for (OutboxRecord row : rows) {
      acks.add(send(row));
    }
    // Outside any transaction: Kafka's acknowledgements arrive on the producer's thread.
    List<Long> sent = new ArrayList<>();
    List<OutboxRecord> refused = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
    for (int i = 0; i < rows.size(); i++) {
      OutboxRecord row = rows.get(i);
      try {
        acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        sent.add(row.id);
      } catch (ExecutionException e) {
        if (refusedForGood(e.getCause())) {
          refused.add(row);
          refusals.add(Bounded.message(e.getCause().toString()));
        } else {
          LOG.debugf("outbox row %d: %s; sent again later", row.id, e.getCause());
        }
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.debugf("outbox row %d not acknowledged in time; sent again later", row.id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Instant now = Instant.now();
    if (!sent.isEmpty()) {
      Transactions.await(() -> OutboxRecord.update("sentAt = ?1 where id in ?2", now, sent));
    }
    for (int i = 0; i < refused.size(); i++) {
      OutboxRecord row = refused.get(i);
      String why = refusals.get(i);
      LOG.errorf(
          "outbox row %d (%s %s, key %s, correlation %s) is set aside: Kafka refused it: %s",
          row.id, row.ceType, row.eventId, row.recordKey, row.correlationId, why);
      Transactions.await(
          () -> OutboxRecord.update("failedAt = ?1, failure = ?2 where id = ?3", now, why, row.id));
      setAside.incrementAndGet();
    }
    LOG.debugf("outbox relay: published %d record(s)", sent.size());
    return rows.size();
  }

  /** Kafka will never take this record, whenever it is sent: it is the record, not the broker. */
  private static boolean refusedForGood(Throwable failure) {
    return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException;
  }

  private Future<?> send(OutboxRecord row) {
    try {
      return kafka
          .producer()
          .send(
              new ProducerRecord<>(
                  row.topic,
                  null,
                  row.recordKey,
                  row.data.getBytes(StandardCharsets.UTF_8),
                  CloudEventCodec.headers(
                      row.eventId,
                      URI.create(row.ceSource),
                      row.ceType,
                      row.recordKey,
                      row.ceTime,
                      row.correlationId,
                      row.causationId)));
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private void pruneNowAndThen() {
    Instant now = Instant.now();
    if (now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(PRUNE_EVERY);
    Duration retention = config.retention();
    Instant before = now.minus(retention);
    long rows =
        Transactions.await(
            () ->
                whileLeased(
                    () ->
                        OutboxRecord.delete("sentAt < ?1", before)
                            .flatMap(
                                deleted -> processed.prune(retention).map(ids -> deleted + ids)),
                    0L));
    if (rows > 0) {
      LOG.infof("forgot %d sent outbox row(s) and processed id(s) older than %s", rows, retention);
    }
  }

  /** {@code work} when this instance holds (or takes) the relay lease, else {@code otherwise}. */
  private <T> Uni<T> whileLeased(java.util.function.Supplier<Uni<T>> work, T otherwise) {
    return leases
        .acquire("outbox-relay", "outbox", config.relayLease())
        .flatMap(held -> held ? work.get() : Uni.createFrom().item(otherwise));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

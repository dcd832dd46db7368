package io.orogen.kit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.runtime.quarkus.KafkaResource;
import io.orogen.runtime.quarkus.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The processed-id log on a real PostgreSQL: two instances that take the same record during a
 * rebalance claim its id once between them, and old ids are forgotten after the retention.
 */
@QuarkusTest
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "kit"))
@WithTestResource(
    value = KafkaResource.class,
    initArgs = @ResourceArg(name = "topics", value = "orogen.cluster.events"))
class ProcessedRecordsIT {

  @Inject ProcessedRecords processed;

  @Test
  void concurrentClaimsOfOneIdHaveOneWinner() throws Exception {
    for (int round = 0; round < 20; round++) {
      String id = UUID.randomUUID().toString();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        claims.add(
            pool.submit(
                () -> {
                  go.await();
                  return Transactions.await(() -> processed.claim(id));
                }));
      }
      go.countDown();
      long winners = 0;
      for (Future<Boolean> claim : claims) {
        winners += claim.get() ? 1 : 0;
      }
      pool.shutdown();
      assertThat(winners).isEqualTo(1);
      assertThat(Transactions.await(() -> processed.seen(id))).isTrue();
    }
  }

  @Test
  void idsOlderThanTheRetentionAreForgotten() {
    String old = "old-" + UUID.randomUUID();
    String fresh = "fresh-" + UUID.randomUUID();
    Transactions.await(
        () ->
            Panache.getSession()
                .flatMap(
                    s ->
                        s.createNativeQuery(
                                "INSERT INTO processed_record (id, processed_at)"
                                    + " VALUES (:id, now() - interval '30 days')")
                            .setParameter("id", old)
                            .executeUpdate())
                .chain(() -> processed.claim(fresh)));
    int forgotten = Transactions.await(() -> processed.prune(Duration.ofDays(14)));
    assertThat(forgotten).isGreaterThanOrEqualTo(1);
    assertThat(Transactions.await(() -> processed.seen(old))).isFalse();
    assertThat(Transactions.await(() -> processed.seen(fresh))).isTrue();
  }
}

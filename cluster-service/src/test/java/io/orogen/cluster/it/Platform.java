package io.orogen.cluster.it;

import static io.restassured.RestAssured.given;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** What the cluster-service ITs do with the platform: wait for nodes, read and write keys. */
final class Platform {

  private Platform() {}

  /** Waits until every agent of {@link PlatformResource} is ready for placement. */
  static void awaitNodesReady() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .get("/api/v1/nodes")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("findAll { it.ready }")
                        .size()
                    == PlatformResource.AGENTS);
  }

  static void put(List<String> endpoints, String key, String value) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      etcd.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }
  }

  /** The value of {@code key}, retrying while the members start or catch up. */
  static String get(List<String> endpoints, String key) throws Exception {
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      for (int attempt = 0; ; attempt++) {
        try {
          return etcd.getKVClient()
              .get(bytes(key))
              .get(10, TimeUnit.SECONDS)
              .getKvs()
              .get(0)
              .getValue()
              .toString(StandardCharsets.UTF_8);
        } catch (Exception notYet) {
          if (attempt > 50) {
            throw notYet;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}

package io.orogen.cluster.it;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import org.awaitility.Awaitility;

/** What the cluster-service ITs wait for: every agent ready for placement. */
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
}

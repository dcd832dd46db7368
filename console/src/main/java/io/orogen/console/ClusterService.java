package io.orogen.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * cluster-service's REST API, through which the console sends commands (create, scale, delete) and
 * reads what only the service knows (a member's Raft index and database size). Whether it is up is
 * checked every 2 s; while it is down the console is read-only.
 */
@ApplicationScoped
public class ClusterService {

  /** Whether cluster-service answered its last readiness check; for every page. */
  @TemplateGlobal(name = "serviceUp")
  static volatile boolean up;

  private final URI base;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public ClusterService(
      @ConfigProperty(
              name = "orogen.console.cluster-service-url",
              defaultValue = "http://localhost:8080")
          String url) {
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
  }

  /**
   * The service's answer.
   *
   * @param status the HTTP status; 503 when the service did not answer
   * @param body the JSON body (problem+json for errors)
   */
  public record Answer(int status, JsonNode body) {
    public boolean accepted() {
      return status == 202;
    }

    /** The problem's {@code detail}, for people. */
    public String detail() {
      return body.path("detail")
          .asText(body.path("title").asText("cluster-service did not answer"));
    }
  }

  public boolean up() {
    return up;
  }

  public Answer create(Map<String, Object> request) {
    return send("POST", "api/v1/clusters", request);
  }

  public Answer scale(String cluster, int size) {
    return send("POST", "api/v1/clusters/" + cluster + "/scale", Map.of("size", size));
  }

  public Answer delete(String cluster) {
    return send("DELETE", "api/v1/clusters/" + cluster, null);
  }

  /** The service's view of a cluster, when it is up. */
  public Optional<JsonNode> details(String cluster) {
    if (!up) {
      return Optional.empty();
    }
    Answer answer = send("GET", "api/v1/clusters/" + cluster, null);
    return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
  }

  @Scheduled(every = "2s", delayed = "0s")
  void checkHealth() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("q/health/ready"))
              .timeout(Duration.ofSeconds(2))
              .GET()
              .build();
      up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      up = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Answer send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(10))
              .header("Accept", "application/json");
      if (body != null) {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed =
          response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
      return new Answer(response.statusCode(), parsed);
    } catch (IOException e) {
      up = false;
      return new Answer(
          503,
          json.createObjectNode()
              .put("title", "cluster-service is not reachable")
              .put("detail", "cluster-service is not reachable: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(503, json.createObjectNode().put("detail", "interrupted"));
    }
  }
}

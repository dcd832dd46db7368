package io.orogen.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * cluster-service, through which the console sends commands (create, scale, delete) and reads what
 * only the service knows (a member's Raft index and database size). Whether it is up is checked
 * every 2 s; while it is down the console is read-only.
 */
@ApplicationScoped
public class ClusterService {

  /** Whether cluster-service answered its last readiness check; for every page. */
  @TemplateGlobal(name = "serviceUp")
  static volatile boolean up;

  private final ClusterServiceApi api;
  private final ObjectMapper json = new ObjectMapper();

  public ClusterService(@RestClient ClusterServiceApi api) {
    this.api = api;
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
    return call(() -> api.create(request));
  }

  public Answer scale(String cluster, int size) {
    return call(() -> api.scale(cluster, Map.of("size", size)));
  }

  public Answer delete(String cluster) {
    return call(() -> api.delete(cluster));
  }

  /** The service's view of a cluster, when it is up. */
  public Optional<JsonNode> details(String cluster) {
    if (!up) {
      return Optional.empty();
    }
    Answer answer = call(() -> api.details(cluster));
    return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
  }

  @Scheduled(every = "2s", delayed = "0s")
  void checkHealth() {
    up = call(api::ready).status() == 200;
  }

  private Answer call(Supplier<Response> request) {
    Response response;
    try {
      response = request.get();
    } catch (WebApplicationException e) {
      response = e.getResponse(); // an answer other than 2xx
    } catch (ProcessingException e) {
      up = false;
      return new Answer(
          503,
          json.createObjectNode()
              .put("title", "cluster-service is not reachable")
              .put("detail", "cluster-service is not reachable: " + e.getMessage()));
    }
    try (Response answer = response) {
      String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
      JsonNode parsed = body.isBlank() ? json.createObjectNode() : json.readTree(body);
      return new Answer(answer.getStatus(), parsed);
    } catch (java.io.IOException | RuntimeException e) {
      return new Answer(
          response.getStatus(),
          json.createObjectNode().put("detail", "unreadable answer: " + e.getMessage()));
    }
  }
}

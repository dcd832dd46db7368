package io.orogen.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.orogen.console.ServiceCall.Answer;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * cluster-service, through which the console sends commands (create, scale, hand leadership over,
 * delete) and reads what only the service knows (a member's Raft index and database size). Whether
 * it is up is checked every 2 s; while it is down the console is read-only.
 */
@ApplicationScoped
public class ClusterService {

  /** Whether cluster-service answered its last readiness check; for every page. */
  @TemplateGlobal(name = "serviceUp")
  static volatile boolean up;

  private final ClusterServiceApi api;

  public ClusterService(@RestClient ClusterServiceApi api) {
    this.api = api;
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

  public Answer transferLeadership(String cluster, String to) {
    return call(() -> api.transferLeadership(cluster, Map.of("to", to)));
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
    Answer answer = ServiceCall.call("cluster-service", request);
    if (answer.unreachable()) {
      up = false;
    }
    return answer;
  }
}

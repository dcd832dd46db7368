package io.orogen.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** One call of a service's REST API, made into an {@link Answer} whatever happens. */
public final class ServiceCall {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ServiceCall() {}

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

    public boolean ok() {
      return status / 100 == 2;
    }

    /** Whether the service did not answer at all. */
    public boolean unreachable() {
      return body.path("unreachable").asBoolean(false);
    }

    /** The problem's {@code detail}, for people. */
    public String detail() {
      return body.path("detail").asText(body.path("title").asText("the service did not answer"));
    }
  }

  /** Makes {@code request}; {@code service} names it in the answer when it cannot be reached. */
  public static Answer call(String service, Supplier<Response> request) {
    Response response;
    try {
      response = request.get();
    } catch (WebApplicationException e) {
      response = e.getResponse(); // an answer other than 2xx
    } catch (ProcessingException e) {
      return new Answer(
          503,
          JSON.createObjectNode()
              .put("unreachable", true)
              .put("title", service + " is not reachable")
              .put("detail", service + " is not reachable: " + e.getMessage()));
    }
    try (Response answer = response) {
      String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
      JsonNode parsed = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
      return new Answer(answer.getStatus(), parsed);
    } catch (java.io.IOException | RuntimeException e) {
      return new Answer(
          response.getStatus(),
          JSON.createObjectNode().put("detail", "unreadable answer: " + e.getMessage()));
    }
  }
}

package io.orogen.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.kit.retry.Retry;
import io.orogen.kit.store.DatabaseFailures;
import io.orogen.kit.text.Bounded;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns unreadable request bodies into problem+json answers that name the field, and a database
 * that is away into {@code 503} with {@code Retry-After}.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** PostgreSQL away or a lost race retried too often: try again shortly. */
  @ServerExceptionMapper(priority = 10)
  public Response unavailable(RuntimeException e) {
    if (e instanceof WebApplicationException web) {
      // Quarkus' JSON reader answers a body that is not JSON at all with an empty 400 whose cause
      // is the parser's exception: it gets the same problem+json as a mistyped field.
      if (web.getCause() instanceof JsonProcessingException json) {
        return unreadable(json);
      }
      return web.getResponse(); // 404 for an unknown path, 405 …: JAX-RS' own answers
    }
    if (!DatabaseFailures.isTransient(e)) {
      LOG.errorf(e, "request failed");
      return Problem.response(
          RejectionCode.INTERNAL_ERROR,
          "the service failed: " + Bounded.message(Retry.rootMessage(e)),
          List.of());
    }
    LOG.warnf("request failed, the database is unavailable: %s", Retry.rootMessage(e));
    Response problem =
        Problem.response(
            503,
            RejectionCode.INTERNAL_ERROR,
            "the service's database is unavailable; try again shortly",
            List.of());
    return Response.fromResponse(problem).header("Retry-After", "5").build();
  }

  // Quarkus maps MismatchedInputException itself; naming it here takes that mapper's place.
  @ServerExceptionMapper(priority = 1)
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper(priority = 1)
  public Response unreadable(JsonProcessingException e) {
    String original = e.getOriginalMessage();
    String message =
        Bounded.message(original == null ? "" : original.lines().findFirst().orElse(""));
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      field = Bounded.id(field);
      return Problem.response(
          RejectionCode.INVALID_FIELD,
          field + ": " + message,
          List.of(new FieldError(field, message)));
    }
    return Problem.response(
        RejectionCode.UNREADABLE_RECORD, "the body is not valid JSON: " + message, List.of());
  }
}

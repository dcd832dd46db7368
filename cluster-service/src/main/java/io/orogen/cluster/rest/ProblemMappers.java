package io.orogen.cluster.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns unreadable request bodies into problem+json answers that name the field. */
public class ProblemMappers {

  // Quarkus maps MismatchedInputException itself; naming it here takes that mapper's place.
  @ServerExceptionMapper(priority = 1)
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper(priority = 1)
  public Response unreadable(JsonProcessingException e) {
    String message = e.getOriginalMessage().lines().findFirst().orElse("");
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      return Problem.response(
          RejectionCode.INVALID_FIELD,
          field + ": " + message,
          List.of(new FieldError(field, message)));
    }
    return Problem.response(
        RejectionCode.UNREADABLE_RECORD, "the body is not valid JSON: " + message, List.of());
  }
}

package io.orogen.kit.rest;

import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers an invalid request body with problem+json naming each field. It maps {@link
 * ValidationException}, the type Quarkus' own mapper handles, so that it takes that mapper's place.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ValidationException> {

  @Override
  public Response toResponse(ValidationException exception) {
    if (!(exception instanceof ConstraintViolationException e)) {
      return Problem.response(RejectionCode.INVALID_FIELD, exception.getMessage(), List.of());
    }
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(field(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    String detail =
        errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    return Problem.response(RejectionCode.INVALID_FIELD, detail, errors);
  }

  /** The field path within the request body: {@code create.body.name} becomes {@code name}. */
  private static String field(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY) {
        names.add(node.getName());
      }
    }
    return names.isEmpty() ? violation.getPropertyPath().toString() : String.join(".", names);
  }
}

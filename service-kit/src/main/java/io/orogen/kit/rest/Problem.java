package io.orogen.kit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title the kind of problem, for people
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param code the contract's rejection code, the same one {@code CommandRejected} carries
 * @param errors the invalid fields
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, String code, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Response response(RejectionCode code, String detail, List<FieldError> errors) {
    int status =
        switch (code) {
          case INVALID_FIELD, UNREADABLE_RECORD, UNKNOWN_TYPE -> 400;
          case NOT_FOUND -> 404;
          case NAME_TAKEN, CONFLICT -> 409;
          // Understood, but not possible with the nodes there are.
          case UNKNOWN_VERSION, INSUFFICIENT_NODES -> 422;
          case INTERNAL_ERROR -> 500;
        };
    return response(status, code, detail, errors);
  }

  /** A problem answer with an explicit HTTP status. */
  public static Response response(
      int status, RejectionCode code, String detail, List<FieldError> errors) {
    String title =
        switch (code) {
          case INVALID_FIELD -> "Invalid field";
          case UNREADABLE_RECORD -> "Unreadable request body";
          case UNKNOWN_TYPE -> "Unknown request";
          case NOT_FOUND -> "Not found";
          case NAME_TAKEN -> "Name taken";
          case CONFLICT -> "Conflict";
          case UNKNOWN_VERSION -> "Unknown version";
          case INSUFFICIENT_NODES -> "Insufficient nodes";
          case INTERNAL_ERROR -> status == 503 ? "Service unavailable" : "Internal error";
        };
    return Response.status(status)
        .type(MEDIA_TYPE)
        .entity(
            new Problem(
                "urn:orogen:problem:" + code.name().toLowerCase().replace('_', '-'),
                title,
                status,
                detail,
                code.wireName(),
                errors))
        .build();
  }
}

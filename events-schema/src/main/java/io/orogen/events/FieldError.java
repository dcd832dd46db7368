package io.orogen.events;

import jakarta.validation.ConstraintViolation;

/**
 * One invalid field of a command.
 *
 * @param field the field's path in the command's JSON, for example {@code name}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

  /** The field error a Bean Validation violation stands for. */
  public static FieldError of(ConstraintViolation<?> violation) {
    return new FieldError(violation.getPropertyPath().toString(), violation.getMessage());
  }
}

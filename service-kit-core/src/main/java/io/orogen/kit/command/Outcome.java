package io.orogen.kit.command;

import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import java.util.List;

/** What a command led to: accepted as an operation, or rejected with a reason. */
public sealed interface Outcome {

  /**
   * The command was accepted; its result arrives as events.
   *
   * @param aggregate the aggregate it is about
   * @param operationId the operation's id: the correlation id of the events
   */
  record Accepted(String aggregate, String operationId) implements Outcome {}

  /**
   * The command had no effect.
   *
   * @param code why, for programs
   * @param message why, for people
   * @param fieldErrors the invalid fields, if any
   */
  record Rejected(RejectionCode code, String message, List<FieldError> fieldErrors)
      implements Outcome {

    public Rejected {
      fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    public Rejected(RejectionCode code, String message) {
      this(code, message, List.of());
    }
  }

  static Accepted accepted(String aggregate, String operationId) {
    return new Accepted(aggregate, operationId);
  }

  static Rejected rejected(RejectionCode code, String message) {
    return new Rejected(code, message);
  }
}

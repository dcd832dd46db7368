package io.orogen.kit.command;

import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import java.util.List;

/**
 * Thrown by blocking command code that cannot carry out a valid command; the inbox answers it with
 * {@code CommandRejected}, as it does a handler's {@link Outcome.Rejected}.
 */
public class CommandRefusedException extends RuntimeException {

  private final transient Outcome.Rejected rejection;

  public CommandRefusedException(RejectionCode code, String message) {
    this(code, message, List.of());
  }

  public CommandRefusedException(RejectionCode code, String message, List<FieldError> errors) {
    super(message);
    this.rejection = new Outcome.Rejected(code, message, errors);
  }

  public Outcome.Rejected rejection() {
    return rejection;
  }

  public RejectionCode code() {
    return rejection.code();
  }
}

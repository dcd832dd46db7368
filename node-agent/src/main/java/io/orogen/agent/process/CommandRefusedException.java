package io.orogen.agent.process;

import io.orogen.events.RejectionCode;

/** A valid command this node cannot carry out; answered with {@code CommandRejected}. */
public class CommandRefusedException extends RuntimeException {

  private final transient RejectionCode code;

  public CommandRefusedException(RejectionCode code, String message) {
    super(message);
    this.code = code;
  }

  public RejectionCode code() {
    return code;
  }
}

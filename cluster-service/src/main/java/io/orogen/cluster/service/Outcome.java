package io.orogen.cluster.service;

import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import java.util.List;

/** What a command led to: accepted as an operation, or rejected with a reason. */
public sealed interface Outcome {

  /**
   * The command was accepted; its result arrives as events.
   *
   * @param cluster the cluster it is about
   * @param operationId the operation's id: the correlation id of the events
   */
  record Accepted(String cluster, String operationId) implements Outcome {}

  /**
   * The command had no effect.
   *
   * @param code why, for programs
   * @param message why, for people
   * @param fieldErrors the invalid fields, if any
   */
  record Rejected(RejectionCode code, String message, List<FieldError> fieldErrors)
      implements Outcome {
    public Rejected(RejectionCode code, String message) {
      this(code, message, List.of());
    }
  }
}

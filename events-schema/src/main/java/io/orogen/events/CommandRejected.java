package io.orogen.events;

import java.util.List;

/**
 * The answer to a command that had no effect. Its {@code causationid} is the command's {@code
 * ce_id}; a command that could not be read at all is also in the commands topic's DLQ.
 *
 * @param commandId the rejected command's {@code ce_id}, when it had one
 * @param commandType the rejected command's {@code ce_type}, when it had one
 * @param subject the aggregate the command was about, when known
 * @param code why, as a code programs can act on
 * @param message why, as a sentence for people
 * @param fieldErrors the invalid fields, for {@code InvalidField}; empty otherwise
 */
@ContractType(
    description = "The answer to a command that had no effect; causationid is the command's ce_id.")
public record CommandRejected(
    String commandId,
    String commandType,
    String subject,
    RejectionCode code,
    String message,
    List<FieldError> fieldErrors)
    implements Event {

  public CommandRejected {
    fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
  }

  @Override
  public String aggregateId() {
    // Never null: an answer to a record without any id still needs a record key.
    return subject != null ? subject : commandId != null ? commandId : "unreadable";
  }
}

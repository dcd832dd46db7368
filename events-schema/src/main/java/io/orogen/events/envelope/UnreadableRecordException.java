package io.orogen.events.envelope;

import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import java.util.List;

/**
 * A record that is not a readable command or event of the contract: headers missing, unknown type,
 * or data that does not map to the payload. Carries what could be read, so that the answer ({@code
 * CommandRejected}) can still name the command.
 */
public class UnreadableRecordException extends RuntimeException {

  private final transient RejectionCode code;
  private final transient List<FieldError> fieldErrors;
  private final String id;
  private final String type;
  private final String subject;

  public UnreadableRecordException(
      RejectionCode code,
      String reason,
      List<FieldError> fieldErrors,
      String id,
      String type,
      String subject,
      Throwable cause) {
    super(reason, cause);
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.id = id;
    this.type = type;
    this.subject = subject;
  }

  /**
   * {@code UnreadableRecord}, {@code UnknownType}, or {@code InvalidField} for a mistyped field.
   */
  public RejectionCode code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /** The record's {@code ce_id}, if it had one. */
  public String id() {
    return id;
  }

  /** The record's {@code ce_type}, if it had one. */
  public String type() {
    return type;
  }

  /** The record's {@code ce_subject}, if it had one. */
  public String subject() {
    return subject;
  }
}

package io.orogen.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a command was rejected; the message and field errors say the details. */
public enum RejectionCode {
  /** One or more fields are invalid; see the field errors. */
  @JsonProperty("InvalidField")
  INVALID_FIELD,
  /** The record could not be read (not JSON, missing CloudEvents headers); it is in the DLQ. */
  @JsonProperty("UnreadableRecord")
  UNREADABLE_RECORD,
  /** The {@code ce_type} is not a command this topic takes; the record is in the DLQ. */
  @JsonProperty("UnknownType")
  UNKNOWN_TYPE,
  /** The version asked for is not one any node can run. */
  @JsonProperty("UnknownVersion")
  UNKNOWN_VERSION,
  /** An aggregate of that name already exists. */
  @JsonProperty("NameTaken")
  NAME_TAKEN,
  /** The aggregate the command is about does not exist. */
  @JsonProperty("NotFound")
  NOT_FOUND,
  /** Not enough ready nodes to place the members. */
  @JsonProperty("InsufficientNodes")
  INSUFFICIENT_NODES,
  /** The aggregate is in a state that does not allow the command now. */
  @JsonProperty("Conflict")
  CONFLICT,
  /**
   * The service failed to carry out a valid command (a fault of its own, not of the command); the
   * record is in the DLQ with the error.
   */
  @JsonProperty("InternalError")
  INTERNAL_ERROR;

  /** The name on the wire, for example {@code InvalidField}. */
  public String wireName() {
    try {
      return RejectionCode.class.getField(name()).getAnnotation(JsonProperty.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}

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
  CONFLICT
}

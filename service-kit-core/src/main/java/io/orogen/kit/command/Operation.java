package io.orogen.kit.command;

import io.orogen.events.envelope.CloudEvent;
import java.util.UUID;

/**
 * The operation a change belongs to: its correlation id, and the id of the record that caused the
 * change (the command), if any.
 *
 * @param correlationId the operation id
 * @param causationId the causing record's id, or null
 */
public record Operation(String correlationId, String causationId) {

  /** A new operation, started here (a REST request or a reconciler). */
  public static Operation start() {
    return new Operation(UUID.randomUUID().toString(), null);
  }

  /** The operation {@code record} belongs to, caused by it. */
  public static Operation causedBy(CloudEvent<?> record) {
    return new Operation(
        record.correlationId() != null ? record.correlationId() : record.id(), record.id());
  }
}

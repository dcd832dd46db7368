package io.orogen.kit.intake;

import io.orogen.events.CommandRejected;
import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import java.util.Optional;

/**
 * Where an {@link Inbox} carries out records and keeps what it did: in a service's database with
 * its outbox (service-kit), or straight on Kafka for a process without one (node-agent).
 */
public interface Ledger {

  /** Whether the record with {@code id} was processed before. */
  boolean seen(String id);

  /**
   * Runs the handler of {@code record}'s type and keeps its effects, its answer (a rejected command
   * is answered with {@code CommandRejected}) and the record's id together.
   *
   * @return the outcome, or empty when the record was processed before
   */
  Optional<Outcome> execute(CloudEvent<Payload> record, Operation op);

  /**
   * Keeps {@code answer} (when not null) and the record id {@code id} (when not null) together,
   * unless that id was processed before.
   */
  void reject(CommandRejected answer, Operation op, String id);

  /** Whether {@code failure} will likely pass if tried again later (a database that is away). */
  boolean isTransient(Throwable failure);
}

package io.orogen.kit.inbox;

import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.intake.DeadLetters;
import io.orogen.kit.intake.Inbox;
import io.orogen.kit.intake.Ledger;
import io.orogen.kit.intake.RecordReader;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.retry.Lifecycle;
import io.orogen.kit.store.DatabaseFailures;
import io.orogen.kit.store.ProcessedRecords;
import io.orogen.kit.store.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Makes the {@link Inbox}es of a service with a database: each record's effect, its answer (through
 * the outbox) and its id commit in one transaction. A service plugs in one handler per type:
 *
 * <pre>{@code
 * inbox = inboxes.commands(Domain.CLUSTER)
 *     .on(CreateCluster.class, commands::create)
 *     .afterCommit((command, outcome) -> queue.request(command.subject()))
 *     .build();
 * }</pre>
 */
@ApplicationScoped
public class Inboxes {

  private final Validator validator;
  private final DeadLetters deadLetters;
  private final Lifecycle lifecycle;
  private final Outbox outbox;
  private final ProcessedRecords processed;

  public Inboxes(
      Validator validator,
      DeadLetters deadLetters,
      Lifecycle lifecycle,
      Outbox outbox,
      ProcessedRecords processed) {
    this.validator = validator;
    this.deadLetters = deadLetters;
    this.lifecycle = lifecycle;
    this.outbox = outbox;
    this.processed = processed;
  }

  /**
   * A handler, run inside the transaction that also keeps the record's id and answer: it reads and
   * changes state, appends what it causes to the outbox, and says what came of it. A rejected
   * command is answered with {@code CommandRejected}; for an event, {@link Outcome.Accepted} names
   * the aggregate it concerned.
   */
  @FunctionalInterface
  public interface Handler<C extends Payload> {
    Uni<Outcome> handle(C payload, Operation op);
  }

  /** An inbox for {@code domain}'s commands; answers go to its events topic. */
  public Builder commands(Domain domain) {
    return new Builder(domain, Contract.Kind.COMMAND);
  }

  /** An inbox for {@code domain}'s events. */
  public Builder events(Domain domain) {
    return new Builder(domain, Contract.Kind.EVENT);
  }

  /** Collects the handlers of an inbox. */
  public final class Builder {
    private final Domain domain;
    private final Contract.Kind kind;
    private final Map<Class<?>, Handler<?>> handlers = new HashMap<>();
    private final Set<Class<?>> unrecorded = new HashSet<>();
    private final Map<Class<?>, Function<Payload, List<FieldError>>> checks = new HashMap<>();
    private BiConsumer<CloudEvent<Payload>, Outcome> afterCommit = (record, outcome) -> {};

    private Builder(Domain domain, Contract.Kind kind) {
      this.domain = domain;
      this.kind = kind;
    }

    /** Handles records of {@code type}. */
    public <C extends Payload> Builder on(Class<C> type, Handler<C> handler) {
      handlers.put(type, handler);
      return this;
    }

    /**
     * Handles records of {@code type} whose second application changes nothing (a heartbeat): their
     * ids are not kept.
     */
    public <C extends Payload> Builder onRepeatable(Class<C> type, Handler<C> handler) {
      unrecorded.add(type);
      return on(type, handler);
    }

    /** Checks records of {@code type} beyond their Bean Validation constraints. */
    @SuppressWarnings("unchecked")
    public <C extends Payload> Builder check(Class<C> type, Function<C, List<FieldError>> check) {
      checks.put(type, payload -> check.apply((C) payload));
      return this;
    }

    /** Hears of each record's outcome once it committed. */
    public Builder afterCommit(BiConsumer<CloudEvent<Payload>, Outcome> hook) {
      this.afterCommit = hook;
      return this;
    }

    public Inbox build() {
      String topic = kind == Contract.Kind.COMMAND ? domain.commandsTopic() : domain.eventsTopic();
      return new Inbox(
          kind,
          new RecordReader(topic, kind, validator, checks),
          deadLetters,
          new OutboxLedger(domain, kind, Map.copyOf(handlers), Set.copyOf(unrecorded)),
          lifecycle,
          afterCommit);
    }
  }

  private final class OutboxLedger implements Ledger {
    private final Domain domain;
    private final Contract.Kind kind;
    private final Map<Class<?>, Handler<?>> handlers;
    private final Set<Class<?>> unrecorded;

    OutboxLedger(
        Domain domain,
        Contract.Kind kind,
        Map<Class<?>, Handler<?>> handlers,
        Set<Class<?>> unrecorded) {
      this.domain = domain;
      this.kind = kind;
      this.handlers = handlers;
      this.unrecorded = unrecorded;
    }

    @Override
    public boolean seen(String id) {
      return Transactions.await(() -> processed.seen(id));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<Outcome> execute(CloudEvent<Payload> record, Operation op) {
      Handler handler = handlers.get(record.data().getClass());
      boolean keepId = !unrecorded.contains(record.data().getClass());
      Optional<Outcome> outcome =
          Transactions.await(
              () ->
                  (keepId ? processed.claim(record.id()) : Uni.createFrom().item(true))
                      .flatMap(
                          first -> {
                            if (!first) {
                              return Uni.createFrom().item(Optional.<Outcome>empty());
                            }
                            Uni<Outcome> result =
                                handler == null
                                    ? Uni.createFrom()
                                        .item(
                                            new Outcome.Rejected(
                                                RejectionCode.UNKNOWN_TYPE,
                                                record.type() + " is not handled here yet"))
                                    : (Uni<Outcome>) handler.handle(record.data(), op);
                            return result.flatMap(
                                o ->
                                    o instanceof Outcome.Rejected rejected
                                            && kind == Contract.Kind.COMMAND
                                        ? outbox
                                            .append(domain, Inbox.rejection(record, rejected), op)
                                            .replaceWith(Optional.of(o))
                                        : Uni.createFrom().item(Optional.of(o)));
                          }));
      outbox.wake();
      return outcome;
    }

    @Override
    public void reject(CommandRejected answer, Operation op, String id) {
      Transactions.await(
          () ->
              (id != null ? processed.claim(id) : Uni.createFrom().item(true))
                  .flatMap(
                      first ->
                          first && answer != null
                              ? outbox.append(domain, answer, op)
                              : Uni.createFrom().voidItem()));
      outbox.wake();
    }

    @Override
    public boolean isTransient(Throwable failure) {
      return DatabaseFailures.isTransient(failure);
    }
  }
}

package io.orogen.kit.intake;

import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.kit.command.CommandRefusedException;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.kafka.Publisher;
import io.orogen.kit.retry.Lifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Makes {@link Inbox}es for a process without a database (node-agent): handlers are blocking and
 * idempotent themselves, answers go straight to Kafka through the {@link Publisher}.
 */
@ApplicationScoped
public class DirectInboxes {

  private final Validator validator;
  private final DeadLetters deadLetters;
  private final Publisher publisher;
  private final Lifecycle lifecycle;

  public DirectInboxes(
      Validator validator, DeadLetters deadLetters, Publisher publisher, Lifecycle lifecycle) {
    this.validator = validator;
    this.deadLetters = deadLetters;
    this.publisher = publisher;
    this.lifecycle = lifecycle;
  }

  /** A blocking command handler; it may throw {@link CommandRefusedException}. */
  @FunctionalInterface
  public interface Handler<C extends Payload> {
    Outcome handle(CloudEvent<C> command);
  }

  /** An inbox for {@code domain}'s commands whose answers carry {@code source}. */
  public Builder commands(Domain domain, URI source) {
    return new Builder(domain, source);
  }

  /** Collects the handlers of an inbox. */
  public final class Builder {
    private final Domain domain;
    private final URI source;
    private final Map<Class<?>, Handler<?>> handlers = new HashMap<>();
    private final Map<Class<?>, Function<Payload, List<FieldError>>> checks = new HashMap<>();
    private BiConsumer<CloudEvent<Payload>, Outcome> afterCommit = (record, outcome) -> {};

    private Builder(Domain domain, URI source) {
      this.domain = domain;
      this.source = source;
    }

    public <C extends Payload> Builder on(Class<C> type, Handler<C> handler) {
      handlers.put(type, handler);
      return this;
    }

    public Builder afterCommit(BiConsumer<CloudEvent<Payload>, Outcome> hook) {
      this.afterCommit = hook;
      return this;
    }

    public Inbox build() {
      RecordReader reader =
          new RecordReader(domain.commandsTopic(), Contract.Kind.COMMAND, validator, checks);
      return new Inbox(
          Contract.Kind.COMMAND,
          reader,
          deadLetters,
          new DirectLedger(domain, source, Map.copyOf(handlers)),
          lifecycle,
          afterCommit);
    }
  }

  private final class DirectLedger implements Ledger {
    private final Domain domain;
    private final URI source;
    private final Map<Class<?>, Handler<?>> handlers;

    DirectLedger(Domain domain, URI source, Map<Class<?>, Handler<?>> handlers) {
      this.domain = domain;
      this.source = source;
      this.handlers = handlers;
    }

    @Override
    public boolean seen(String id) {
      return false; // the handlers are idempotent
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<Outcome> execute(CloudEvent<Payload> record, Operation op) {
      Handler handler = handlers.get(record.data().getClass());
      Outcome outcome;
      if (handler == null) {
        outcome =
            new Outcome.Rejected(
                io.orogen.events.RejectionCode.UNKNOWN_TYPE,
                record.type() + " is not handled here yet");
      } else {
        try {
          outcome = handler.handle(record);
        } catch (CommandRefusedException e) {
          outcome = e.rejection();
        }
      }
      if (outcome instanceof Outcome.Rejected rejected) {
        reject(Inbox.rejection(record, rejected), op, record.id());
      }
      return Optional.of(outcome);
    }

    @Override
    public void reject(CommandRejected answer, Operation op, String id) {
      if (answer != null) {
        publisher.publish(
            CloudEvent.create(domain, source, answer)
                .withCorrelation(op.correlationId(), op.causationId()));
      }
    }

    @Override
    public boolean isTransient(Throwable failure) {
      return Publisher.isTransient(failure);
    }
  }
}

package io.orogen.kit.intake;

import io.orogen.events.CommandRejected;
import io.orogen.events.Contract;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.retry.Lifecycle;
import io.orogen.kit.retry.Retry;
import io.orogen.kit.text.Bounded;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes every record of one topic, whatever it holds, and never stops: each record is acted on
 * once, or answered and dead-lettered, and then acknowledged. Call {@link #receive} from a
 * {@code @Blocking} {@code @Incoming} method.
 *
 * <ol>
 *   <li>{@link RecordReader} reads it. A record that may not be acted on is dead-lettered with the
 *       reason, then answered ({@code CommandRejected}, for commands) and its id kept, unless that
 *       id was processed before.
 *   <li>The {@link Ledger} runs the handler of its type and keeps the effect, the answer and the id
 *       together; a record whose id was processed before has no second effect.
 *   <li>Transient failures (the database is away) are retried until they pass; the record waits.
 *   <li>Any other failure of a handler is a fault of the service: the record is dead-lettered with
 *       the error and answered {@code InternalError}, and the inbox goes on.
 *   <li>The record is acknowledged; {@code afterCommit} hears of what was done.
 * </ol>
 */
public final class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  private final Contract.Kind kind;
  private final RecordReader reader;
  private final DeadLetters deadLetters;
  private final Ledger ledger;
  private final Retry retry;
  private final BiConsumer<CloudEvent<Payload>, Outcome> afterCommit;

  public Inbox(
      Contract.Kind kind,
      RecordReader reader,
      DeadLetters deadLetters,
      Ledger ledger,
      Lifecycle lifecycle,
      BiConsumer<CloudEvent<Payload>, Outcome> afterCommit) {
    this.kind = kind;
    this.reader = reader;
    this.deadLetters = deadLetters;
    this.ledger = ledger;
    this.retry = new Retry(lifecycle, ledger::isTransient);
    this.afterCommit = afterCommit;
  }

  /**
   * Handles {@code message} and acknowledges it. Blocks: call it on a worker thread. When the
   * process stops while the record still waits for a transient failure to pass, the record is left
   * unacknowledged, for the instance that takes over.
   */
  public CompletionStage<Void> receive(Message<byte[]> message) {
    DeadLetters.Original original = DeadLetters.Original.of(message);
    try {
      handle(original);
    } catch (Retry.StoppedException e) {
      LOG.infof(
          "stopping: %s[%d]@%d is left for the next instance",
          original.topic(), original.partition(), original.offset());
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      // Its dead letter is written: the record is not lost, and the inbox must go on.
      LOG.errorf(
          e,
          "%s[%d]@%d could not be answered; it is in the dead-letter topic",
          original.topic(),
          original.partition(),
          original.offset());
    }
    return message.ack();
  }

  private void handle(DeadLetters.Original original) {
    RecordReader.Read read = reader.read(original.key(), original.headers(), original.value());
    if (read instanceof RecordReader.Refused refused) {
      refuse(original, refused);
      return;
    }
    CloudEvent<Payload> record = ((RecordReader.Accepted) read).record();
    Operation op = Operation.causedBy(record);
    Optional<Outcome> outcome;
    try {
      outcome = retry.run(what(record), () -> ledger.execute(record, op));
    } catch (Retry.StoppedException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(original, record, op, e);
      return;
    }
    if (outcome.isEmpty()) {
      LOG.infof("%s was processed before; no second effect", what(record));
      return;
    }
    if (outcome.get() instanceof Outcome.Rejected rejected && kind == Contract.Kind.COMMAND) {
      LOG.infof(
          "%s rejected: %s (correlation %s)", what(record), rejected.message(), op.correlationId());
    }
    afterCommit.accept(record, outcome.get());
  }

  private void refuse(DeadLetters.Original original, RecordReader.Refused refused) {
    CommandRejected answer = refused.rejection();
    if (kind == Contract.Kind.EVENT) {
      // An event is not answered: its dead letter is all, and a copy delivered again gets another.
      deadLetters.send(original, answer.code(), answer.message());
      return;
    }
    String id = refused.usableId();
    if (id != null && retry.run("looking up " + id, () -> ledger.seen(id))) {
      LOG.infof("record %s was processed before; no second answer", id);
      return;
    }
    deadLetters.send(original, answer.code(), answer.message());
    retry.run(
        "answering " + Bounded.id(answer.commandType()) + " " + Bounded.id(answer.commandId()),
        () -> {
          ledger.reject(answer, refused.operation(), id);
          return null;
        });
  }

  private void fail(
      DeadLetters.Original original,
      CloudEvent<Payload> record,
      Operation op,
      RuntimeException failure) {
    String reason =
        "the service failed to carry out "
            + record.type()
            + " "
            + record.id()
            + ": "
            + Retry.rootMessage(failure);
    LOG.errorf(failure, "%s (correlation %s)", reason, op.correlationId());
    deadLetters.send(original, RejectionCode.INTERNAL_ERROR, reason);
    CommandRejected answer =
        rejection(record, new Outcome.Rejected(RejectionCode.INTERNAL_ERROR, reason));
    retry.run(
        "answering " + what(record),
        () -> {
          ledger.reject(kind == Contract.Kind.COMMAND ? answer : null, op, record.id());
          return null;
        });
  }

  /** The answer to {@code command} for {@code rejected}, its strings bounded. */
  public static CommandRejected rejection(CloudEvent<?> command, Outcome.Rejected rejected) {
    return new CommandRejected(
        command.id(),
        command.type(),
        Bounded.id(command.data().aggregateId()),
        rejected.code(),
        Bounded.message(rejected.message()),
        RecordReader.bounded(rejected.fieldErrors()));
  }

  private static String what(CloudEvent<Payload> record) {
    return record.type() + " " + record.id() + " (" + record.subject() + ")";
  }
}

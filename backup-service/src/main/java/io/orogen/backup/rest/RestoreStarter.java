package io.orogen.backup.rest;

import io.orogen.backup.run.Backups;
import io.orogen.backup.service.Restores;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreInPlace;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.rest.Problem;
import io.orogen.kit.store.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.function.Function;

/** Starts a restore from REST, as a {@code RestoreCluster} on Kafka would: one code path. */
@ApplicationScoped
public class RestoreStarter {

  private final Restores restores;
  private final Backups backups;
  private final Outbox outbox;
  private final Validator validator;

  public RestoreStarter(Restores restores, Backups backups, Outbox outbox, Validator validator) {
    this.restores = restores;
    this.backups = backups;
    this.outbox = outbox;
    this.validator = validator;
  }

  /** Validates {@code command} (problem+json naming the field) and starts it. */
  public Uni<Response> start(RestoreCluster command) {
    return start(command, command.into(), command.backupId(), op -> restores.restore(command, op));
  }

  /** The same for a restore in place. */
  public Uni<Response> start(RestoreInPlace command) {
    return start(
        command, command.cluster(), command.backupId(), op -> restores.restoreInPlace(command, op));
  }

  private <C> Uni<Response> start(
      C command, String cluster, String backupId, Function<Operation, Uni<Outcome>> restore) {
    Set<ConstraintViolation<C>> violations = validator.validate(command);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    Operation op = Operation.start();
    return Transactions.retrying(() -> restore.apply(op))
        .map(
            outcome -> {
              if (outcome instanceof Outcome.Rejected rejected) {
                return Problem.response(
                    rejected.code(), rejected.message(), rejected.fieldErrors());
              }
              outbox.wake();
              backups.requestStartedBy(op.correlationId());
              return Response.accepted(
                      new BackupViews.RestoreAccepted(cluster, backupId, op.correlationId()))
                  .build();
            });
  }
}

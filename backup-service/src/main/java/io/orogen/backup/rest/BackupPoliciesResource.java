package io.orogen.backup.rest;

import io.orogen.backup.delta.DeltaRecorder;
import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.DeltaCursorEntity;
import io.orogen.backup.service.BackupCommands;
import io.orogen.events.RejectionCode;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.rest.Problem;
import io.orogen.kit.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/clusters/{name}/backup-policy}: the same {@code SetBackupPolicy} as on {@code
 * orogen.backup.commands}, through the same code; answers with the policy now in force.
 */
@Path("/api/v1/clusters/{name}/backup-policy")
@Produces(MediaType.APPLICATION_JSON)
public class BackupPoliciesResource {

  private final BackupCommands commands;
  private final Outbox outbox;
  private final Validator validator;
  private final DeltaRecorder recorder;

  public BackupPoliciesResource(
      BackupCommands commands, Outbox outbox, Validator validator, DeltaRecorder recorder) {
    this.recorder = recorder;
    this.commands = commands;
    this.outbox = outbox;
    this.validator = validator;
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> set(
      @PathParam("name") String name, @NotNull BackupViews.PolicyRequest body) {
    SetBackupPolicy command =
        new SetBackupPolicy(
            name,
            body.schedule(),
            body.storage(),
            body.keepLast(),
            body.tiered(),
            body.deltaSeconds(),
            body.quorumLossRecovery(),
            body.verifyEvery());
    Set<ConstraintViolation<SetBackupPolicy>> violations = validator.validate(command);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    Operation op = Operation.start();
    return Transactions.retrying(
            () ->
                commands
                    .setPolicy(command, op)
                    .flatMap(
                        outcome ->
                            outcome instanceof Outcome.Rejected rejected
                                ? Uni.createFrom()
                                    .item(
                                        Problem.response(
                                            rejected.code(),
                                            rejected.message(),
                                            rejected.fieldErrors()))
                                : view(name)))
        .invoke(outbox::wake)
        .invoke(() -> recorder.request(name));
  }

  @GET
  @WithSession
  public Uni<Response> get(@PathParam("name") String name) {
    return view(name);
  }

  private static Uni<Response> view(String name) {
    return BackupPolicyEntity.<BackupPolicyEntity>findById(name)
        .flatMap(
            p ->
                p == null
                    ? Uni.createFrom()
                        .item(
                            Problem.response(
                                RejectionCode.NOT_FOUND,
                                "cluster " + name + " has no backup policy",
                                List.of()))
                    : DeltaCursorEntity.<DeltaCursorEntity>findById(name)
                        .map(cursor -> Response.ok(BackupViews.Policy.of(p, cursor)).build()));
  }
}

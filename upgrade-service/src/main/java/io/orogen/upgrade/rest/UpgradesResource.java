package io.orogen.upgrade.rest;

import io.orogen.events.RejectionCode;
import io.orogen.events.upgrade.AbortUpgrade;
import io.orogen.events.upgrade.PauseUpgrade;
import io.orogen.events.upgrade.ResumeUpgrade;
import io.orogen.events.upgrade.SetUpdatePolicy;
import io.orogen.events.upgrade.UpdateChannel;
import io.orogen.events.upgrade.UpdateStrategy;
import io.orogen.events.upgrade.UpgradeCluster;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.rest.Problem;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.text.Bounded;
import io.orogen.upgrade.model.UpgradePath;
import io.orogen.upgrade.persistence.ClusterViewEntity;
import io.orogen.upgrade.persistence.NodeViewEntity;
import io.orogen.upgrade.persistence.UpdatePolicyEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.orogen.upgrade.run.RunQueue;
import io.orogen.upgrade.service.UpdatePolicies;
import io.orogen.upgrade.service.UpgradeCommands;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/v1/upgrades} and a cluster's {@code upgrade}, {@code versions} and {@code
 * update-policy}: the same commands as {@code orogen.upgrade.commands}, through the same code.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UpgradesResource {

  private final UpgradeCommands commands;
  private final UpdatePolicies policies;
  private final RunQueue runs;
  private final Outbox outbox;
  private final Validator validator;

  public UpgradesResource(
      UpgradeCommands commands,
      UpdatePolicies policies,
      RunQueue runs,
      Outbox outbox,
      Validator validator) {
    this.commands = commands;
    this.policies = policies;
    this.runs = runs;
    this.outbox = outbox;
    this.validator = validator;
  }

  @POST
  @Path("/upgrades")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> upgrade(@NotNull UpgradeViews.UpgradeRequest body) {
    UpgradeCluster command =
        valid(new UpgradeCluster(body.cluster(), body.targetVersion(), body.skipBackup()));
    Operation op = Operation.start();
    return run(() -> commands.upgrade(command, op));
  }

  @GET
  @Path("/upgrades")
  @WithSession
  public Uni<List<UpgradeViews.Run>> list(@QueryParam("cluster") String cluster) {
    return (cluster == null
            ? UpgradeRunEntity.<UpgradeRunEntity>find("order by createdAt desc")
            : UpgradeRunEntity.<UpgradeRunEntity>find(
                "cluster = ?1 order by createdAt desc", cluster))
        .page(0, 100)
        .list()
        .map(all -> all.stream().map(UpgradeViews.Run::of).toList());
  }

  @GET
  @Path("/upgrades/{id}")
  @WithSession
  public Uni<Response> get(@PathParam("id") String id) {
    return UpgradeRunEntity.<UpgradeRunEntity>findById(id)
        .map(
            run ->
                run == null
                    ? Problem.response(
                        RejectionCode.NOT_FOUND, "no upgrade run " + Bounded.id(id), List.of())
                    : Response.ok(UpgradeViews.Run.of(run)).build());
  }

  @POST
  @Path("/clusters/{name}/upgrade/pause")
  public Uni<Response> pause(@PathParam("name") String name) {
    PauseUpgrade command = valid(new PauseUpgrade(name));
    Operation op = Operation.start();
    return run(() -> commands.pause(command, op));
  }

  @POST
  @Path("/clusters/{name}/upgrade/resume")
  public Uni<Response> resume(@PathParam("name") String name) {
    ResumeUpgrade command = valid(new ResumeUpgrade(name));
    Operation op = Operation.start();
    return run(() -> commands.resume(command, op));
  }

  @POST
  @Path("/clusters/{name}/upgrade/abort")
  public Uni<Response> abort(@PathParam("name") String name) {
    AbortUpgrade command = valid(new AbortUpgrade(name));
    Operation op = Operation.start();
    return run(() -> commands.abort(command, op));
  }

  /** The releases the cluster may go to now, and why not the others. */
  @GET
  @Path("/clusters/{name}/versions")
  @WithSession
  public Uni<Response> versions(@PathParam("name") String name) {
    return ClusterViewEntity.<ClusterViewEntity>findById(name)
        .flatMap(
            view ->
                view == null
                    ? Uni.createFrom().item(noCluster(name))
                    : NodeViewEntity.<NodeViewEntity>listAll()
                        .map(
                            nodes -> {
                              var releases = commands.releases(view, nodes);
                              Set<String> available = new java.util.HashSet<>();
                              releases.values().forEach(available::addAll);
                              available.add(view.version);
                              List<UpgradePath.Option> options =
                                  UpgradePath.catalog(
                                      view.version,
                                      available,
                                      view.memberList().stream()
                                          .map(ClusterViewEntity.Member::node)
                                          .toList(),
                                      releases);
                              return Response.ok(
                                      new UpgradeViews.Catalog(
                                          view.name, view.version, view.phase, options))
                                  .build();
                            }));
  }

  @GET
  @Path("/clusters/{name}/update-policy")
  @WithSession
  public Uni<Response> policy(@PathParam("name") String name) {
    return ClusterViewEntity.<ClusterViewEntity>findById(name)
        .flatMap(
            view ->
                view == null
                    ? Uni.createFrom().item(noCluster(name))
                    : UpdatePolicyEntity.<UpdatePolicyEntity>findById(name)
                        .map(policy -> Response.ok(view(name, policy)).build()));
  }

  @PUT
  @Path("/clusters/{name}/update-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> setPolicy(
      @PathParam("name") String name, @NotNull UpgradeViews.PolicyRequest body) {
    SetUpdatePolicy command =
        valid(new SetUpdatePolicy(name, body.channel(), body.strategy(), body.windows()));
    Operation op = Operation.start();
    return Transactions.retrying(
            () ->
                policies
                    .set(command, op)
                    .flatMap(
                        outcome ->
                            outcome instanceof Outcome.Rejected rejected
                                ? Uni.createFrom()
                                    .item(
                                        Problem.response(
                                            rejected.code(),
                                            rejected.message(),
                                            rejected.fieldErrors()))
                                : UpdatePolicyEntity.<UpdatePolicyEntity>findById(name)
                                    .map(p -> Response.ok(view(name, p)).build())))
        .invoke(outbox::wake);
  }

  private static UpgradeViews.Policy view(String cluster, UpdatePolicyEntity policy) {
    return policy == null
        ? new UpgradeViews.Policy(
            cluster, UpdateChannel.PINNED, UpdateStrategy.APPROVAL, List.of(), null)
        : new UpgradeViews.Policy(
            cluster,
            policy.channel,
            policy.strategy,
            UpdatePolicies.windows(policy),
            policy.announced);
  }

  private Uni<Response> run(Supplier<Uni<Outcome>> command) {
    return Transactions.retrying(command)
        .map(
            outcome -> {
              outbox.wake();
              if (outcome instanceof Outcome.Rejected rejected) {
                return Problem.response(
                    rejected.code(), rejected.message(), rejected.fieldErrors());
              }
              Outcome.Accepted accepted = (Outcome.Accepted) outcome;
              runs.request(accepted.aggregate());
              String status = "/api/v1/upgrades/" + accepted.aggregate();
              return Response.accepted(new UpgradeViews.Accepted(accepted.aggregate(), status))
                  .location(URI.create(status))
                  .build();
            });
  }

  private <T> T valid(T command) {
    Set<ConstraintViolation<T>> violations = validator.validate(command);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return command;
  }

  private static Response noCluster(String name) {
    return Problem.response(
        RejectionCode.NOT_FOUND, "no cluster named " + Bounded.id(name), List.of());
  }
}

package io.orogen.cluster.rest;

import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.messaging.Reconciliations;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.model.NodeReadiness;
import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.cluster.persistence.NodeEntity;
import io.orogen.cluster.service.ClusterCommands;
import io.orogen.cluster.service.NodeEventClock;
import io.orogen.events.ContractJson;
import io.orogen.events.RejectionCode;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.rest.Problem;
import io.orogen.kit.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/clusters}: the same commands as {@code orogen.cluster.commands}, through the same
 * code. Long operations answer {@code 202 Accepted} with the operation id; errors are problem+json.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {

  private final ClusterCommands commands;
  private final Reconciliations reconciliations;
  private final Outbox outbox;
  private final ClusterServiceConfig config;
  private final NodeEventClock clock;

  public ClustersResource(
      ClusterCommands commands,
      Reconciliations reconciliations,
      Outbox outbox,
      ClusterServiceConfig config,
      NodeEventClock clock) {
    this.clock = clock;
    this.commands = commands;
    this.reconciliations = reconciliations;
    this.outbox = outbox;
    this.config = config;
  }

  @POST
  @Path("/clusters")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(@Valid @NotNull CreateCluster body) {
    Operation op = Operation.start();
    return Transactions.retrying(() -> commands.create(body, op)).map(this::answer);
  }

  @POST
  @Path("/clusters/{name}/scale")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> scale(
      @PathParam("name") String name, @Valid @NotNull ClusterViews.ScaleRequest body) {
    Operation op = Operation.start();
    return Transactions.retrying(() -> commands.scale(new ScaleCluster(name, body.size()), op))
        .map(this::answer);
  }

  @POST
  @Path("/clusters/{name}/leader")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> transferLeadership(
      @PathParam("name") String name, @Valid @NotNull ClusterViews.LeaderRequest body) {
    TransferLeadership command = new TransferLeadership(name, body.to());
    Operation op = Operation.start();
    return Transactions.retrying(() -> commands.transferLeadership(command, op)).map(this::answer);
  }

  @POST
  @Path("/clusters/{name}/members/{member}/restart")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> restartMember(
      @PathParam("name") String name,
      @PathParam("member") String member,
      @Valid @NotNull ClusterViews.RestartRequest body) {
    RestartMember command = new RestartMember(name, member, body.version());
    Operation op = Operation.start();
    return Transactions.retrying(() -> commands.restartMember(command, op)).map(this::answer);
  }

  @DELETE
  @Path("/clusters/{name}")
  public Uni<Response> delete(
      @PathParam("name") String name, @QueryParam("clusterToken") String clusterToken) {
    Operation op = Operation.start();
    return Transactions.retrying(() -> commands.delete(new DeleteCluster(name, clusterToken), op))
        .map(this::answer);
  }

  @GET
  @Path("/clusters")
  @WithSession
  public Uni<List<ClusterViews.Summary>> list() {
    return ClusterEntity.<ClusterEntity>list("order by name")
        .flatMap(
            clusters ->
                MemberEntity.<MemberEntity>listAll()
                    .map(
                        members ->
                            clusters.stream()
                                .map(
                                    c ->
                                        new ClusterViews.Summary(
                                            c.name,
                                            wire(c.provider),
                                            c.version,
                                            c.size,
                                            (int)
                                                members.stream()
                                                    .filter(m -> m.cluster.equals(c.name))
                                                    .filter(ClustersResource::answering)
                                                    .count(),
                                            c.phase.name()))
                                .toList()));
  }

  @GET
  @Path("/clusters/{name}")
  @WithSession
  public Uni<Response> get(@PathParam("name") String name) {
    return ClusterEntity.<ClusterEntity>findById(name)
        .flatMap(
            cluster -> {
              if (cluster == null) {
                return Uni.createFrom()
                    .item(
                        Problem.response(
                            RejectionCode.NOT_FOUND, "no cluster named " + name, List.of()));
              }
              return MemberEntity.<MemberEntity>list("cluster = ?1 order by name", name)
                  .map(members -> Response.ok(details(cluster, members)).build());
            });
  }

  @GET
  @Path("/nodes")
  @WithSession
  public Uni<List<ClusterViews.Node>> nodes() {
    NodeReadiness readiness = NodeReadiness.at(clock.now(), config.nodeTimeout());
    return NodeEntity.<NodeEntity>list("order by name")
        .flatMap(
            nodes ->
                MemberEntity.<MemberEntity>list("state <> ?1", MemberState.REMOVED)
                    .map(
                        members ->
                            nodes.stream()
                                .map(
                                    n ->
                                        new ClusterViews.Node(
                                            n.name,
                                            n.address,
                                            readiness.ready(n.lastSeen),
                                            n.versions(),
                                            members.stream()
                                                .filter(m -> m.node.equals(n.name))
                                                .count(),
                                            n.lastSeen,
                                            n.bootId))
                                .toList()));
  }

  private Response answer(Outcome outcome) {
    if (outcome instanceof Outcome.Accepted accepted) {
      outbox.wake();
      reconciliations.request(accepted.aggregate());
      URI status = URI.create("/api/v1/clusters/" + accepted.aggregate());
      return Response.accepted(
              new ClusterViews.Accepted(
                  accepted.aggregate(), accepted.operationId(), status.toString()))
          .location(status)
          .build();
    }
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    return Problem.response(rejected.code(), rejected.message(), rejected.fieldErrors());
  }

  private static boolean answering(MemberEntity member) {
    return member.state == MemberState.RUNNING
        && member.membership == Membership.VOTER
        && member.role != null
        && member.role != MemberRole.UNKNOWN;
  }

  private static ClusterViews.Details details(ClusterEntity c, List<MemberEntity> members) {
    List<MemberEntity> live =
        members.stream().filter(m -> m.membership != Membership.REMOVED).toList();
    List<String> endpoints =
        live.stream()
            .filter(m -> m.membership == Membership.VOTER)
            .map(MemberEntity::clientUrl)
            .toList();
    return new ClusterViews.Details(
        c.name,
        wire(c.provider),
        c.version,
        c.requestedVersion,
        c.size,
        c.scalingFrom,
        c.phase.name(),
        c.operationId,
        c.token,
        endpoints,
        "etcdctl --endpoints=" + String.join(",", endpoints) + " endpoint status -w table",
        live.stream()
            .map(
                m ->
                    new ClusterViews.Member(
                        m.name,
                        m.node,
                        m.state.name(),
                        m.membership.name(),
                        wire(m.role == null ? MemberRole.UNKNOWN : m.role),
                        m.memberId,
                        m.runningVersion,
                        m.version,
                        m.restartStage,
                        m.raftIndex,
                        m.dbSize,
                        m.peerUrl(),
                        m.clientUrl()))
            .collect(Collectors.toList()),
        c.createdAt,
        c.readyAt);
  }

  /** An enum as the contract writes it: {@code agents}, {@code leader}. */
  private static String wire(Enum<?> value) {
    return ContractJson.mapper().convertValue(value, String.class);
  }
}

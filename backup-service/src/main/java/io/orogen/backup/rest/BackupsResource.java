package io.orogen.backup.rest;

import io.orogen.backup.model.BackupState;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.run.Backups;
import io.orogen.backup.service.BackupCommands;
import io.orogen.backup.storage.SnapshotStore;
import io.orogen.backup.storage.SnapshotStores;
import io.orogen.events.RejectionCode;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.VerifyBackup;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.rest.Problem;
import io.orogen.kit.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.common.annotation.Blocking;
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
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /api/v1/backups}: the same commands as {@code orogen.backup.commands}, through the same
 * code, plus listing, progress and the artifact's download. Errors are problem+json.
 */
@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {

  private final BackupCommands commands;
  private final RestoreStarter restoreStarter;
  private final Backups backups;
  private final Outbox outbox;
  private final SnapshotStores stores;

  public BackupsResource(
      BackupCommands commands,
      RestoreStarter restoreStarter,
      Backups backups,
      Outbox outbox,
      SnapshotStores stores) {
    this.restoreStarter = restoreStarter;
    this.commands = commands;
    this.backups = backups;
    this.outbox = outbox;
    this.stores = stores;
  }

  /** Backs a cluster up now: {@code {"cluster": "orders", "storage": "local"}}. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(@Valid @NotNull CreateBackup body) {
    Operation op = Operation.start();
    return Transactions.retrying(() -> commands.create(body, op)).map(this::answer);
  }

  /** Every backup, newest first; {@code ?cluster=} only that cluster's. */
  @GET
  @WithSession
  public Uni<List<BackupViews.Backup>> list(@QueryParam("cluster") String cluster) {
    Uni<List<BackupEntity>> found =
        cluster == null
            ? BackupEntity.list("order by requestedAt desc")
            : BackupEntity.list("cluster = ?1 order by requestedAt desc", cluster);
    return found.map(all -> all.stream().map(BackupViews.Backup::of).toList());
  }

  @GET
  @Path("/{id}")
  @WithSession
  public Uni<Response> get(@PathParam("id") String id) {
    return BackupEntity.<BackupEntity>findById(id)
        .map(b -> b == null ? notFound(id) : Response.ok(BackupViews.Backup.of(b)).build());
  }

  /**
   * The artifact, streamed, with its SHA-256 in {@code Digest} (base64, RFC 3230) and {@code
   * X-Checksum-SHA256} (hex); only a completed backup has one.
   */
  @GET
  @Path("/{id}/artifact")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/problem+json"})
  @Blocking
  public Response artifact(@PathParam("id") String id) throws IOException {
    BackupEntity b = Transactions.await(() -> BackupEntity.<BackupEntity>findById(id));
    if (b == null) {
      return notFound(id);
    }
    if (b.state != BackupState.COMPLETED) {
      return Problem.response(
          RejectionCode.CONFLICT,
          "backup "
              + id
              + " is "
              + b.state.name().toLowerCase()
              + ": only a completed backup has an artifact",
          List.of());
    }
    SnapshotStore store = stores.get(b.storage);
    // A local file goes out with sendfile; an object is streamed from the store.
    Object content = store.file(b.location).<Object>map(java.nio.file.Path::toFile).orElse(null);
    if (content == null) {
      content = store.open(b.location);
    }
    return Response.ok(content, MediaType.APPLICATION_OCTET_STREAM)
        .header("Content-Length", b.sizeBytes)
        .header("Content-Disposition", "attachment; filename=\"" + b.id + ".db\"")
        .header(
            "Digest",
            "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(b.sha256)))
        .header("X-Checksum-SHA256", b.sha256)
        .build();
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") String id) {
    Operation op = Operation.start();
    return onBackup(id, b -> commands.delete(new DeleteBackup(b.cluster, id), op));
  }

  /**
   * Verifies a completed backup again; answered by {@code BackupVerified} or {@code BackupCorrupt}.
   */
  @POST
  @Path("/{id}/verify")
  public Uni<Response> verify(@PathParam("id") String id) {
    Operation op = Operation.start();
    return onBackup(id, b -> commands.verify(new VerifyBackup(b.cluster, id), op));
  }

  /**
   * Restores the backup into a new cluster: {@code {"into": "orders-copy", "size": 3}}; answered by
   * {@code RestoreStarted}, then {@code ClusterRestored} or {@code RestoreFailed}. With {@code
   * atRevision} or {@code atTime}, the backup is the full snapshot the point in time is rebuilt
   * from.
   */
  @POST
  @Path("/{id}/restore")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> restore(
      @PathParam("id") String id, @NotNull BackupViews.RestoreRequest body) {
    return restoreStarter.start(
        new RestoreCluster(
            body.into(), id, body.size(), body.version(), null, body.atRevision(), body.atTime()));
  }

  /** A command on backup {@code id}, which names its cluster too; 404 for no such backup. */
  private Uni<Response> onBackup(String id, Function<BackupEntity, Uni<Outcome>> command) {
    return Transactions.retrying(
            () ->
                BackupEntity.<BackupEntity>findById(id)
                    .flatMap(
                        b ->
                            b == null
                                ? Uni.createFrom()
                                    .item(
                                        (Outcome)
                                            new Outcome.Rejected(
                                                RejectionCode.NOT_FOUND, "no backup " + id))
                                : command.apply(b)))
        .map(this::answer);
  }

  private Response answer(Outcome outcome) {
    if (outcome instanceof Outcome.Accepted accepted) {
      outbox.wake();
      backups.request(accepted.aggregate());
      URI status = URI.create("/api/v1/backups/" + accepted.aggregate());
      return Response.accepted(
              new BackupViews.Accepted(
                  accepted.aggregate(), accepted.operationId(), status.toString()))
          .location(status)
          .build();
    }
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    return Problem.response(rejected.code(), rejected.message(), rejected.fieldErrors());
  }

  private static Response notFound(String id) {
    return Problem.response(RejectionCode.NOT_FOUND, "no backup " + id, List.of());
  }
}

package io.orogen.backup.rest;

import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreInPlace;
import io.orogen.kit.rest.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code POST /api/v1/clusters/{name}/restore}: restores a cluster's data into a new cluster, as of
 * a revision or a time ({@code {"into": "orders-before", "atTime": "2026-12-03T10:42:00Z"}}), or
 * its newest backup — the same {@code RestoreCluster} as on {@code orogen.backup.commands}; with
 * {@code "inPlace": true} (and no {@code into}) the cluster itself is rolled back ({@code
 * RestoreInPlace}).
 */
@Path("/api/v1/clusters/{name}/restore")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterRestoresResource {

  private final RestoreStarter restores;

  public ClusterRestoresResource(RestoreStarter restores) {
    this.restores = restores;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> restore(
      @PathParam("name") String name, @NotNull BackupViews.ClusterRestoreRequest body) {
    if (Boolean.TRUE.equals(body.inPlace())) {
      if (body.into() != null) {
        return Uni.createFrom()
            .item(
                Problem.response(
                    RejectionCode.INVALID_FIELD,
                    "a restore in place keeps the cluster's name: leave into out",
                    List.of(new FieldError("into", "not with inPlace"))));
      }
      return restores.start(
          new RestoreInPlace(name, body.backupId(), body.atRevision(), body.atTime()));
    }
    return restores.start(
        new RestoreCluster(
            body.into(),
            body.backupId(),
            body.size(),
            body.version(),
            body.backupId() == null ? name : null,
            body.atRevision(),
            body.atTime()));
  }
}

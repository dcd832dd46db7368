package io.orogen.backup.rest;

import io.orogen.events.backup.RestoreCluster;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/clusters/{name}/restore}: restores a cluster's data into a new cluster, as of
 * a revision or a time ({@code {"into": "orders-before", "atTime": "2026-12-03T10:42:00Z"}}), or
 * its newest backup — the same {@code RestoreCluster} as on {@code orogen.backup.commands}.
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
    return restores.start(
        new RestoreCluster(
            body.into(),
            null,
            body.size(),
            body.version(),
            name,
            body.atRevision(),
            body.atTime()));
  }
}

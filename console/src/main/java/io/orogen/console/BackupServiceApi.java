package io.orogen.console;

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
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** backup-service's REST API, as far as the console uses it (MicroProfile REST Client). */
@RegisterRestClient(configKey = "backup-service")
@Produces(MediaType.APPLICATION_JSON)
public interface BackupServiceApi {

  @GET
  @Path("/api/v1/backups")
  Response list(@QueryParam("cluster") String cluster);

  @POST
  @Path("/api/v1/backups")
  @Consumes(MediaType.APPLICATION_JSON)
  Response create(Map<String, Object> request);

  @POST
  @Path("/api/v1/backups/{id}/restore")
  @Consumes(MediaType.APPLICATION_JSON)
  Response restore(@PathParam("id") String backupId, Map<String, Object> request);

  @POST
  @Path("/api/v1/clusters/{name}/restore")
  @Consumes(MediaType.APPLICATION_JSON)
  Response restoreCluster(@PathParam("name") String cluster, Map<String, Object> request);

  @GET
  @Path("/api/v1/clusters/{name}/backup-policy")
  Response policy(@PathParam("name") String cluster);

  @PUT
  @Path("/api/v1/clusters/{name}/backup-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  Response setPolicy(@PathParam("name") String cluster, Map<String, Object> request);
}

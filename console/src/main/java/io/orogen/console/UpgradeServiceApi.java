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

/** upgrade-service's REST API, as far as the console uses it (MicroProfile REST Client). */
@RegisterRestClient(configKey = "upgrade-service")
@Produces(MediaType.APPLICATION_JSON)
public interface UpgradeServiceApi {

  @GET
  @Path("/api/v1/clusters/{name}/versions")
  Response versions(@PathParam("name") String cluster);

  @GET
  @Path("/api/v1/upgrades")
  Response runs(@QueryParam("cluster") String cluster);

  @POST
  @Path("/api/v1/upgrades")
  @Consumes(MediaType.APPLICATION_JSON)
  Response upgrade(Map<String, Object> request);

  @POST
  @Path("/api/v1/clusters/{name}/upgrade/{action}")
  Response act(@PathParam("name") String cluster, @PathParam("action") String action);

  @GET
  @Path("/api/v1/clusters/{name}/update-policy")
  Response policy(@PathParam("name") String cluster);

  @PUT
  @Path("/api/v1/clusters/{name}/update-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  Response setPolicy(@PathParam("name") String cluster, Map<String, Object> request);
}

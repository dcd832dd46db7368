package io.orogen.console;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** cluster-service's REST API, as far as the console uses it (MicroProfile REST Client). */
@RegisterRestClient(configKey = "cluster-service")
@Produces(MediaType.APPLICATION_JSON)
public interface ClusterServiceApi {

  @POST
  @Path("/api/v1/clusters")
  @Consumes(MediaType.APPLICATION_JSON)
  Response create(Map<String, Object> request);

  @POST
  @Path("/api/v1/clusters/{name}/scale")
  @Consumes(MediaType.APPLICATION_JSON)
  Response scale(@PathParam("name") String cluster, Map<String, Object> request);

  @POST
  @Path("/api/v1/clusters/{name}/leader")
  @Consumes(MediaType.APPLICATION_JSON)
  Response transferLeadership(@PathParam("name") String cluster, Map<String, Object> request);

  @DELETE
  @Path("/api/v1/clusters/{name}")
  Response delete(@PathParam("name") String cluster);

  @GET
  @Path("/api/v1/clusters/{name}")
  Response details(@PathParam("name") String cluster);

  @GET
  @Path("/q/health/ready")
  Response ready();
}

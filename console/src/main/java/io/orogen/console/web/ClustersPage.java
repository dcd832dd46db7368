package io.orogen.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.orogen.console.ClusterService;
import io.orogen.console.ServiceCall;
import io.orogen.console.state.ClusterState;
import io.orogen.console.state.Projection;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster pages: the live list, the create form (errors beside the fields, the request as
 * JSON), and a cluster's page with members, endpoints, history, scale and delete.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ClustersPage {

  static final List<Integer> SIZES = List.of(1, 3, 5, 7);
  static final List<String> PROVIDERS = List.of("agents", "kubernetes");

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(List<ClusterState> clusters);

    static native TemplateInstance table(List<ClusterState> clusters);

    static native TemplateInstance create(
        CreateForm form,
        Map<String, String> errors,
        String message,
        List<String> versions,
        List<Integer> sizes,
        List<String> providers);

    static native TemplateInstance form(
        CreateForm form,
        Map<String, String> errors,
        String message,
        List<String> versions,
        List<Integer> sizes,
        List<String> providers);

    static native TemplateInstance cluster(
        ClusterState cluster, List<MemberRow> members, List<Integer> sizes);

    static native TemplateInstance members(ClusterState cluster, List<MemberRow> members);

    static native TemplateInstance history(ClusterState cluster);

    static native TemplateInstance missing(String name);

    static native TemplateInstance notice(String tone, String text);
  }

  private final Projection projection;
  private final ClusterService service;

  public ClustersPage(Projection projection, ClusterService service) {
    this.projection = projection;
    this.service = service;
  }

  @GET
  public Response home() {
    return Response.seeOther(URI.create("/clusters")).build();
  }

  @GET
  @Path("/clusters")
  public TemplateInstance list() {
    return Templates.list(projection.clusters());
  }

  @GET
  @Path("/clusters/table")
  public TemplateInstance table() {
    return Templates.table(projection.clusters());
  }

  @GET
  @Path("/clusters/new")
  public TemplateInstance createForm() {
    List<String> versions = versionChoices();
    return Templates.create(
        CreateForm.empty(versions.isEmpty() ? "3.5" : versions.get(0)),
        Map.of(),
        null,
        versions,
        SIZES,
        PROVIDERS);
  }

  /** The request the form would send, as JSON: refreshed as the user types. */
  @POST
  @Path("/clusters/preview")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  public String preview(
      @FormParam("name") @DefaultValue("") String name,
      @FormParam("size") @DefaultValue("3") int size,
      @FormParam("version") @DefaultValue("") String version,
      @FormParam("provider") @DefaultValue("agents") String provider) {
    return new CreateForm(name, size, version, provider).preview();
  }

  @POST
  @Path("/clusters")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @FormParam("name") @DefaultValue("") String name,
      @FormParam("size") @DefaultValue("3") int size,
      @FormParam("version") @DefaultValue("") String version,
      @FormParam("provider") @DefaultValue("agents") String provider) {
    CreateForm form = new CreateForm(name.trim(), size, version, provider);
    ServiceCall.Answer answer = service.create(form.request());
    if (answer.accepted()) {
      projection.awaitCluster(form.name(), Duration.ofSeconds(5));
      return Response.ok().header("HX-Redirect", "/clusters/" + form.name()).build();
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (JsonNode error : answer.body().path("errors")) {
      errors.putIfAbsent(error.path("field").asText(), error.path("message").asText());
    }
    if ("NameTaken".equals(answer.body().path("code").asText())) {
      errors.putIfAbsent("name", answer.detail());
    }
    String message = errors.isEmpty() ? answer.detail() : null;
    return Response.ok(Templates.form(form, errors, message, versionChoices(), SIZES, PROVIDERS))
        .build();
  }

  @GET
  @Path("/clusters/{name}")
  public Response cluster(@PathParam("name") String name) {
    Optional<ClusterState> cluster = projection.cluster(name);
    if (cluster.isEmpty()) {
      return Response.status(404).entity(Templates.missing(name)).build();
    }
    ClusterState state = cluster.get();
    return Response.ok(Templates.cluster(state, rows(state), SIZES)).build();
  }

  @GET
  @Path("/clusters/{name}/members")
  public Response members(@PathParam("name") String name) {
    return projection
        .cluster(name)
        .map(c -> Response.ok(Templates.members(c, rows(c))).build())
        .orElseGet(() -> Response.ok().header("HX-Redirect", "/clusters").build());
  }

  @GET
  @Path("/clusters/{name}/history")
  public Response history(@PathParam("name") String name) {
    return projection
        .cluster(name)
        .map(c -> Response.ok(Templates.history(c)).build())
        .orElseGet(() -> Response.ok().build());
  }

  @POST
  @Path("/clusters/{name}/scale")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance scale(@PathParam("name") String name, @FormParam("size") int size) {
    ServiceCall.Answer answer = service.scale(name, size);
    if (answer.accepted()) {
      projection.scaling(name, size);
      return Templates.notice(
          "good", "Scaling " + name + " to " + size + " members, one at a time.");
    }
    return Templates.notice("bad", answer.detail());
  }

  @POST
  @Path("/clusters/{name}/leader")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance transferLeadership(
      @PathParam("name") String name, @FormParam("to") @DefaultValue("") String to) {
    ServiceCall.Answer answer = service.transferLeadership(name, to);
    if (answer.accepted()) {
      return Templates.notice("good", "Handing the leadership of " + name + " to " + to + ".");
    }
    return Templates.notice("bad", answer.detail());
  }

  @POST
  @Path("/clusters/{name}/delete")
  public Response delete(@PathParam("name") String name) {
    ServiceCall.Answer answer = service.delete(name);
    if (answer.accepted()) {
      projection.deleting(name);
      return Response.ok().header("HX-Redirect", "/clusters").build();
    }
    return Response.ok(Templates.notice("bad", answer.detail())).build();
  }

  private List<MemberRow> rows(ClusterState cluster) {
    JsonNode details = service.details(cluster.name()).orElse(null);
    return MemberRow.of(cluster, details);
  }

  /** Each minor (newest patch) first, then every release the ready nodes can run. */
  private List<String> versionChoices() {
    List<String> releases = projection.versions();
    List<String> choices = new ArrayList<>();
    for (String release : releases) {
      String minor = release.substring(0, release.lastIndexOf('.'));
      if (!choices.contains(minor)) {
        choices.add(minor);
      }
    }
    choices.addAll(releases);
    return choices;
  }
}

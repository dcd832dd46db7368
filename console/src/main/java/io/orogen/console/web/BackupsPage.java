package io.orogen.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.orogen.console.BackupService;
import io.orogen.console.ServiceCall;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's Backups section: its backups (time, revision, size, verification, storage), "Back up
 * now", restore into a new cluster, and the backup policy form (errors beside the fields), all
 * through backup-service's REST API. (Its class path is {@code /} like {@link ClustersPage}'s: a
 * class path of {@code /clusters/{name}} would win JAX-RS' matching for every cluster URL and hide
 * ClustersPage's methods.)
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BackupsPage {

  /** One backup, as the table shows it. */
  public record Row(
      String id,
      String state,
      String completedAt,
      String revision,
      String size,
      String verification,
      String storage,
      String trigger,
      String progress) {

    static Row of(JsonNode b) {
      String state = b.path("state").asText();
      return new Row(
          b.path("id").asText(),
          state,
          b.path("completedAt").asText(b.path("requestedAt").asText("")),
          b.path("revision").isNull() ? "" : b.path("revision").asText(""),
          b.path("sizeBytes").isNull() ? "" : MemberRow.bytes(b.path("sizeBytes").asLong()),
          b.path("verification").isNull() ? "" : b.path("verification").asText(""),
          b.path("storage").asText(),
          b.path("trigger").asText(),
          "RUNNING".equals(state) ? MemberRow.bytes(b.path("bytesDone").asLong()) : "");
    }
  }

  /** The policy form's fields, and how far its delta snapshots reach. */
  public record PolicyForm(
      String schedule,
      String keepLast,
      boolean tiered,
      String deltaSeconds,
      String quorumLossRecovery,
      String verifyEvery,
      String nextBackupAt,
      String deltasToRevision,
      String deltasCoveredUntil) {

    static PolicyForm of(JsonNode p) {
      return new PolicyForm(
          text(p, "schedule"),
          text(p, "keepLast"),
          p.path("tiered").asBoolean(false),
          text(p, "deltaSeconds"),
          p.path("quorumLossRecovery").asText("Off"),
          text(p, "verifyEvery"),
          text(p, "nextBackupAt"),
          text(p, "deltasToRevision"),
          text(p, "deltasCoveredUntil"));
    }

    static PolicyForm empty() {
      return new PolicyForm("", "", false, "", "Off", "1", "", "", "");
    }

    private static String text(JsonNode node, String field) {
      return node.path(field).isNull() ? "" : node.path(field).asText("");
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance backups(String cluster, List<Row> rows, String message);

    static native TemplateInstance policy(
        String cluster, PolicyForm form, Map<String, String> errors, String message, String saved);
  }

  private final BackupService service;
  private final Projection projection;

  public BackupsPage(BackupService service, Projection projection) {
    this.service = service;
    this.projection = projection;
  }

  @GET
  @Path("/clusters/{name}/backups")
  public TemplateInstance backups(@PathParam("name") String cluster) {
    ServiceCall.Answer answer = service.backups(cluster);
    List<Row> rows = new ArrayList<>();
    if (answer.status() == 200) {
      answer.body().forEach(b -> rows.add(Row.of(b)));
    }
    return Templates.backups(cluster, rows, answer.status() == 200 ? null : answer.detail());
  }

  @POST
  @Path("/clusters/{name}/backups")
  public TemplateInstance backUp(@PathParam("name") String cluster) {
    ServiceCall.Answer answer = service.backUp(cluster);
    return ClustersPage.Templates.notice(
        answer.accepted() ? "good" : "bad",
        answer.accepted()
            ? "Backing up " + cluster + ": backup " + answer.body().path("backupId").asText() + "."
            : answer.detail());
  }

  @POST
  @Path("/clusters/{name}/backups/{id}/restore")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response restore(
      @PathParam("name") String cluster,
      @PathParam("id") String backupId,
      @FormParam("into") @DefaultValue("") String into) {
    ServiceCall.Answer answer = service.restore(backupId, into.trim());
    if (answer.accepted()) {
      // The new cluster reaches the console through backup-service and cluster-service's events.
      projection.awaitCluster(into.trim(), Duration.ofSeconds(15));
      return Response.ok().header("HX-Redirect", "/clusters/" + into.trim()).build();
    }
    return Response.ok(ClustersPage.Templates.notice("bad", answer.detail())).build();
  }

  /**
   * Restores the cluster's data as of a revision or a time into a new cluster (point-in-time
   * restore, from its full snapshots and delta snapshots).
   */
  @POST
  @Path("/clusters/{name}/restore")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response restoreAt(
      @PathParam("name") String cluster,
      @FormParam("into") @DefaultValue("") String into,
      @FormParam("atRevision") @DefaultValue("") String atRevision,
      @FormParam("atTime") @DefaultValue("") String atTime,
      @FormParam("inPlace") @DefaultValue("false") boolean inPlace) {
    if (inPlace) {
      return rolledBack(cluster, service.restoreInPlace(cluster, null, atRevision, atTime));
    }
    ServiceCall.Answer answer = service.restoreAt(cluster, into.trim(), atRevision, atTime);
    if (answer.accepted()) {
      projection.awaitCluster(into.trim(), Duration.ofSeconds(15));
      return Response.ok().header("HX-Redirect", "/clusters/" + into.trim()).build();
    }
    return Response.ok(ClustersPage.Templates.notice("bad", answer.detail())).build();
  }

  /** Rolls the cluster back in place to backup {@code id} (the page asked for confirmation). */
  @POST
  @Path("/clusters/{name}/backups/{id}/restore-in-place")
  public Response restoreInPlace(
      @PathParam("name") String cluster, @PathParam("id") String backupId) {
    return rolledBack(cluster, service.restoreInPlace(cluster, backupId, null, null));
  }

  private static Response rolledBack(String cluster, ServiceCall.Answer answer) {
    return Response.ok(
            ClustersPage.Templates.notice(
                answer.accepted() ? "good" : "bad",
                answer.accepted()
                    ? "Rolling " + cluster + " back: its members restart from the backup."
                    : answer.detail()))
        .build();
  }

  @GET
  @Path("/clusters/{name}/backup-policy")
  public TemplateInstance policy(@PathParam("name") String cluster) {
    ServiceCall.Answer answer = service.policy(cluster);
    PolicyForm form = answer.status() == 200 ? PolicyForm.of(answer.body()) : PolicyForm.empty();
    String message = answer.status() == 200 || answer.status() == 404 ? null : answer.detail();
    return Templates.policy(cluster, form, Map.of(), message, null);
  }

  @POST
  @Path("/clusters/{name}/backup-policy")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance setPolicy(
      @PathParam("name") String cluster,
      @FormParam("schedule") @DefaultValue("") String schedule,
      @FormParam("keepLast") @DefaultValue("") String keepLast,
      @FormParam("tiered") @DefaultValue("false") boolean tiered,
      @FormParam("deltaSeconds") @DefaultValue("") String deltaSeconds,
      @FormParam("quorumLossRecovery") @DefaultValue("Off") String quorumLossRecovery,
      @FormParam("verifyEvery") @DefaultValue("") String verifyEvery) {
    PolicyForm form =
        new PolicyForm(
            schedule, keepLast, tiered, deltaSeconds, quorumLossRecovery, verifyEvery, "", "", "");
    Integer keep;
    Integer delta;
    Integer sampling;
    try {
      keep = keepLast.isBlank() ? null : Integer.valueOf(keepLast.trim());
    } catch (NumberFormatException e) {
      return Templates.policy(cluster, form, Map.of("keepLast", "must be a number"), null, null);
    }
    try {
      delta = deltaSeconds.isBlank() ? null : Integer.valueOf(deltaSeconds.trim());
    } catch (NumberFormatException e) {
      return Templates.policy(
          cluster, form, Map.of("deltaSeconds", "must be a number of seconds"), null, null);
    }
    try {
      sampling = verifyEvery.isBlank() ? null : Integer.valueOf(verifyEvery.trim());
    } catch (NumberFormatException e) {
      return Templates.policy(cluster, form, Map.of("verifyEvery", "must be a number"), null, null);
    }
    ServiceCall.Answer answer =
        service.setPolicy(cluster, schedule, keep, tiered, delta, quorumLossRecovery, sampling);
    if (answer.ok()) {
      return Templates.policy(cluster, PolicyForm.of(answer.body()), Map.of(), null, "Saved.");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (JsonNode error : answer.body().path("errors")) {
      errors.putIfAbsent(error.path("field").asText(), error.path("message").asText());
    }
    return Templates.policy(cluster, form, errors, errors.isEmpty() ? answer.detail() : null, null);
  }
}

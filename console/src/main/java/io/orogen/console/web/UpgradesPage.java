package io.orogen.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.orogen.console.ServiceCall;
import io.orogen.console.UpgradeService;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's Updates section, through upgrade-service's REST API: its release, channel, strategy
 * and windows (editable), the releases it may go to (and why not the others), "Upgrade to …" with
 * the plan shown before confirming, a running upgrade's progress with pause, resume and abort, and
 * the history of runs. (Class path {@code /}, as {@link BackupsPage} explains.)
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class UpgradesPage {

  /** One release of the catalog. */
  public record Version(String version, boolean allowed, String reason) {}

  /** One run, as the section shows it. */
  public record Run(
      String id,
      String from,
      String to,
      String trigger,
      String state,
      boolean paused,
      boolean active,
      int upgraded,
      int of,
      String member,
      String stage,
      String elapsed,
      String estimated,
      String backupId,
      String outcome,
      String timings,
      String rolledBack) {

    static Run of(JsonNode r) {
      List<String> timings = new ArrayList<>();
      r.path("timings")
          .forEach(
              t ->
                  timings.add(
                      t.path("member").asText()
                          + " "
                          + seconds(t.path("durationMillis").asLong())));
      List<String> rolledBack = new ArrayList<>();
      r.path("rolledBack").forEach(m -> rolledBack.add(m.asText()));
      String state = r.path("state").asText();
      return new Run(
          r.path("id").asText(),
          r.path("from").asText(),
          r.path("to").asText(),
          r.path("trigger").asText().toLowerCase(),
          state,
          r.path("paused").asBoolean(),
          List.of("BACKING_UP", "ROLLING", "ROLLING_BACK").contains(state),
          r.path("upgraded").asInt(),
          r.path("order").size(),
          r.path("member").isNull() ? "" : r.path("member").asText(""),
          r.path("stage").isNull() ? "" : r.path("stage").asText("").toLowerCase(),
          seconds(r.path("elapsedMillis").asLong()),
          seconds(r.path("estimatedMillis").asLong()),
          r.path("backupId").isNull() ? "" : r.path("backupId").asText(""),
          r.path("outcome").isNull() ? "" : r.path("outcome").asText(""),
          String.join(", ", timings),
          String.join(", ", rolledBack));
    }
  }

  /** The policy form: one window per line, {@code DAYS HH:mm MINUTES ZONE}. */
  public record PolicyForm(String channel, String strategy, String windows, String announced) {

    static PolicyForm of(JsonNode p) {
      List<String> lines = new ArrayList<>();
      p.path("windows")
          .forEach(
              w -> {
                List<String> days = new ArrayList<>();
                w.path("days").forEach(d -> days.add(d.asText()));
                lines.add(
                    String.join(",", days)
                        + " "
                        + w.path("start").asText()
                        + " "
                        + w.path("durationMinutes").asInt()
                        + " "
                        + w.path("zone").asText());
              });
      return new PolicyForm(
          p.path("channel").asText("pinned"),
          p.path("strategy").asText("approval"),
          String.join("\n", lines),
          p.path("announced").isNull() ? "" : p.path("announced").asText(""));
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance updates(
        String cluster,
        String version,
        List<Version> versions,
        Run running,
        List<Run> history,
        PolicyForm policy,
        String message);

    static native TemplateInstance plan(
        String cluster, String from, String to, List<String> order, String leader);

    static native TemplateInstance policy(
        String cluster, PolicyForm form, Map<String, String> errors, String message, String saved);
  }

  private final UpgradeService service;
  private final Projection projection;

  public UpgradesPage(UpgradeService service, Projection projection) {
    this.service = service;
    this.projection = projection;
  }

  @GET
  @Path("/clusters/{name}/updates")
  public TemplateInstance updates(@PathParam("name") String cluster) {
    ServiceCall.Answer catalog = service.versions(cluster);
    ServiceCall.Answer runs = service.runs(cluster);
    ServiceCall.Answer policy = service.policy(cluster);
    List<Version> versions = new ArrayList<>();
    catalog
        .body()
        .path("versions")
        .forEach(
            v ->
                versions.add(
                    new Version(
                        v.path("version").asText(),
                        v.path("allowed").asBoolean(),
                        v.path("reason").isNull() ? "" : v.path("reason").asText(""))));
    List<Run> history = new ArrayList<>();
    if (runs.status() == 200) {
      runs.body().forEach(r -> history.add(Run.of(r)));
    }
    Run running = history.stream().filter(Run::active).findFirst().orElse(null);
    String message = catalog.status() == 200 ? null : catalog.detail();
    return Templates.updates(
        cluster,
        catalog.body().path("version").asText(""),
        versions,
        running,
        history,
        policy.status() == 200
            ? PolicyForm.of(policy.body())
            : new PolicyForm("pinned", "approval", "", ""),
        message);
  }

  /** The plan a run to {@code to} would follow: followers by name, the leader last. */
  @GET
  @Path("/clusters/{name}/updates/plan")
  public TemplateInstance plan(@PathParam("name") String cluster, @QueryParam("to") String to) {
    Optional<ClusterState> state = projection.cluster(cluster);
    List<String> order = new ArrayList<>();
    String leader = null;
    if (state.isPresent()) {
      for (MemberRow m : MemberRow.of(state.get(), null)) {
        if (m.leader()) {
          leader = m.name();
        } else {
          order.add(m.name());
        }
      }
      order.sort(String::compareTo);
      if (leader != null) {
        order.add(leader);
      }
    }
    return Templates.plan(cluster, state.map(ClusterState::version).orElse(""), to, order, leader);
  }

  @POST
  @Path("/clusters/{name}/updates/upgrade")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance upgrade(
      @PathParam("name") String cluster,
      @FormParam("to") @DefaultValue("") String to,
      @FormParam("skipBackup") @DefaultValue("false") boolean skipBackup) {
    ServiceCall.Answer answer = service.upgrade(cluster, to, skipBackup);
    return ClustersPage.Templates.notice(
        answer.accepted() ? "good" : "bad",
        answer.accepted()
            ? "Upgrading "
                + cluster
                + " to etcd "
                + to
                + ": run "
                + answer.body().path("runId").asText()
                + "."
            : answer.detail());
  }

  @POST
  @Path("/clusters/{name}/updates/{action:pause|resume|abort}")
  public TemplateInstance act(
      @PathParam("name") String cluster, @PathParam("action") String action) {
    ServiceCall.Answer answer = service.act(cluster, action);
    return ClustersPage.Templates.notice(
        answer.accepted() ? "good" : "bad",
        answer.accepted()
            ? switch (action) {
              case "pause" -> "The upgrade of " + cluster + " pauses before its next member.";
              case "resume" -> "The upgrade of " + cluster + " goes on.";
              default -> "The upgrade of " + cluster + " is aborted between members.";
            }
            : answer.detail());
  }

  @GET
  @Path("/clusters/{name}/update-policy")
  public TemplateInstance policy(@PathParam("name") String cluster) {
    ServiceCall.Answer answer = service.policy(cluster);
    PolicyForm form =
        answer.status() == 200
            ? PolicyForm.of(answer.body())
            : new PolicyForm("pinned", "approval", "", "");
    return Templates.policy(
        cluster, form, Map.of(), answer.status() == 200 ? null : answer.detail(), null);
  }

  @POST
  @Path("/clusters/{name}/update-policy")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance setPolicy(
      @PathParam("name") String cluster,
      @FormParam("channel") @DefaultValue("pinned") String channel,
      @FormParam("strategy") @DefaultValue("approval") String strategy,
      @FormParam("windows") @DefaultValue("") String windows) {
    PolicyForm form = new PolicyForm(channel, strategy, windows, "");
    Map<String, String> errors = new LinkedHashMap<>();
    List<Map<String, Object>> parsed = new ArrayList<>();
    String[] lines = windows.strip().isEmpty() ? new String[0] : windows.strip().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String[] parts = lines[i].trim().split("\\s+");
      if (parts.length != 4) {
        errors.put(
            "windows",
            "line " + (i + 1) + ": write DAYS HH:mm MINUTES ZONE, e.g. SATURDAY 02:00 120 UTC");
        break;
      }
      Map<String, Object> window = new LinkedHashMap<>();
      window.put(
          "days", Arrays.stream(parts[0].split(",")).map(d -> d.trim().toUpperCase()).toList());
      window.put("start", parts[1]);
      try {
        window.put("durationMinutes", Integer.valueOf(parts[2]));
      } catch (NumberFormatException e) {
        errors.put("windows", "line " + (i + 1) + ": the length in minutes must be a number");
        break;
      }
      window.put("zone", parts[3]);
      parsed.add(window);
    }
    if (!errors.isEmpty()) {
      return Templates.policy(cluster, form, errors, null, null);
    }
    ServiceCall.Answer answer = service.setPolicy(cluster, channel, strategy, parsed);
    if (answer.ok()) {
      return Templates.policy(cluster, PolicyForm.of(answer.body()), Map.of(), null, "Saved.");
    }
    for (JsonNode error : answer.body().path("errors")) {
      String field = error.path("field").asText();
      errors.putIfAbsent(
          field.startsWith("windows") ? "windows" : field,
          field + " " + error.path("message").asText());
    }
    return Templates.policy(cluster, form, errors, errors.isEmpty() ? answer.detail() : null, null);
  }

  static String seconds(long millis) {
    Duration d = Duration.ofMillis(millis);
    return d.toMinutes() > 0
        ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
        : d.toSeconds() + " s";
  }
}

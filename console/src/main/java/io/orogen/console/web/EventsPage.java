package io.orogen.console.web;

import io.orogen.console.feed.EventFeed;
import io.orogen.console.state.ClusterState;
import io.orogen.console.state.FeedEvent;
import io.orogen.console.state.Projection;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;

/**
 * The live feed of every {@code orogen.*.events} topic: filter by cluster, type and time; a click
 * on an event shows its CloudEvents headers and JSON data.
 */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
public class EventsPage {

  static final int SHOWN = 300;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        FeedFilter filter, List<FeedEvent> events, List<String> clusters, List<String> types);

    static native TemplateInstance rows(List<FeedEvent> events);

    static native TemplateInstance detail(FeedEvent event);
  }

  private final EventFeed feed;
  private final Projection projection;

  public EventsPage(EventFeed feed, Projection projection) {
    this.feed = feed;
    this.projection = projection;
  }

  @GET
  public TemplateInstance list(
      @QueryParam("cluster") @DefaultValue("") String cluster,
      @QueryParam("type") @DefaultValue("") String type,
      @QueryParam("minutes") @DefaultValue("0") int minutes,
      @QueryParam("heartbeats") @DefaultValue("false") boolean heartbeats) {
    FeedFilter filter = new FeedFilter(cluster, type, minutes, heartbeats);
    List<String> clusters =
        feed.latest(e -> e.cluster() != null, Integer.MAX_VALUE).stream()
            .map(FeedEvent::cluster)
            .distinct()
            .sorted()
            .toList();
    if (clusters.isEmpty()) {
      clusters = projection.clusters().stream().map(ClusterState::name).toList();
    }
    return Templates.list(filter, feed.latest(filter, SHOWN), clusters, feed.names());
  }

  /** Each new event that passes the filter, as a rendered table row. */
  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> stream(
      @Context Sse sse,
      @QueryParam("cluster") @DefaultValue("") String cluster,
      @QueryParam("type") @DefaultValue("") String type,
      @QueryParam("minutes") @DefaultValue("0") int minutes,
      @QueryParam("heartbeats") @DefaultValue("false") boolean heartbeats) {
    FeedFilter filter = new FeedFilter(cluster, type, minutes, heartbeats);
    return StreamResource.withKeepAlive(
        sse,
        feed.live()
            .filter(filter)
            .map(
                e ->
                    sse.newEventBuilder()
                        .name("event")
                        .data(Templates.rows(List.of(e)).render())
                        .build()));
  }

  @GET
  @Path("/{seq: [0-9]+}")
  public Response detail(@PathParam("seq") long seq) {
    return feed.bySeq(seq)
        .map(e -> Response.ok(Templates.detail(e)).build())
        .orElseGet(
            () -> Response.ok("<p class=\"muted\">That event is no longer kept.</p>").build());
  }
}

package io.orogen.console.web;

import io.orogen.console.feed.EventFeed;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/**
 * Server-sent events for the pages: {@code /stream} says which part of the state changed ({@code
 * clusters}, {@code nodes}), so htmx reloads just that fragment; {@code /events/stream} pushes each
 * new event of the feed as a rendered table row.
 */
@Path("/")
public class StreamResource {

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final EventFeed feed;

  public StreamResource(EventFeed feed) {
    this.feed = feed;
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> changes(@Context Sse sse) {
    return withKeepAlive(
        sse,
        feed.live()
            .map(
                e ->
                    sse.newEventBuilder()
                        .name(e.cluster() != null ? "clusters" : e.domain() + "s")
                        .data("changed")
                        .build()));
  }

  /**
   * {@code events}, and a comment now and then to keep proxies from closing the stream. Quarkus
   * REST writes the response head before the first event and cancels the stream when the browser
   * goes away.
   */
  static Multi<OutboundSseEvent> withKeepAlive(Sse sse, Multi<OutboundSseEvent> events) {
    Multi<OutboundSseEvent> keepAlive =
        Multi.createFrom()
            .ticks()
            .every(KEEP_ALIVE)
            .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
    return Multi.createBy().merging().streams(events, keepAlive);
  }
}

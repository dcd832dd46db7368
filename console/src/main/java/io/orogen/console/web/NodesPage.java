package io.orogen.console.web;

import io.orogen.console.state.NodeState;
import io.orogen.console.state.Projection;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The nodes: their agents' labels, inventory, members, last heartbeat and boot id. */
@Path("/nodes")
@Produces(MediaType.TEXT_HTML)
public class NodesPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(List<NodeState> nodes);

    static native TemplateInstance table(List<NodeState> nodes);
  }

  private final Projection projection;

  public NodesPage(Projection projection) {
    this.projection = projection;
  }

  @GET
  public TemplateInstance list() {
    return Templates.list(projection.nodes());
  }

  @GET
  @Path("/table")
  public TemplateInstance table() {
    return Templates.table(projection.nodes());
  }
}

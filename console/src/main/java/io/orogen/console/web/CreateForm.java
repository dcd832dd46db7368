package io.orogen.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The create form's fields, as typed.
 *
 * @param name the cluster's name
 * @param size 1, 3, 5 or 7
 * @param version a release or a minor (newest patch)
 * @param provider agents or kubernetes
 */
public record CreateForm(String name, int size, String version, String provider) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static CreateForm empty(String version) {
    return new CreateForm("", 3, version, "agents");
  }

  /**
   * The body of {@code POST /api/v1/clusters}, also the data of a {@code CreateCluster} command.
   */
  Map<String, Object> request() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("size", size);
    body.put("version", version);
    body.put("provider", provider);
    return body;
  }

  /** The request as JSON, and the same as a Kafka command, for the "view as JSON" panel. */
  public String preview() {
    try {
      return "POST /api/v1/clusters\n"
          + JSON.writeValueAsString(request())
          + "\n\n# The same as a command: this JSON as the value of a record on\n"
          + "# orogen.cluster.commands, key \""
          + name
          + "\", headers ce_specversion=1.0, ce_id=<a new uuid>,\n"
          + "# ce_source=<you>, ce_type=io.orogen.cluster.CreateCluster.v1, ce_subject="
          + name
          + ",\n# content-type=application/json";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

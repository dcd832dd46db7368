package io.orogen.nodeupdate.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The FleetLock protocol, as Zincati (Fedora CoreOS, Flatcar) speaks it to a reboot coordinator:
 * {@code POST /v1/pre-reboot} takes a slot, {@code POST /v1/steady-state} gives it back, both with
 * the header {@code fleet-lock-protocol: true} and a body {@code {"client_params": {"id",
 * "group"}}}; 200 means done, anything else failed, with a body {@code {"kind", "value"}} whose
 * kinds are few. This class reads requests and words the answers; the semaphore and the decision
 * are elsewhere.
 */
public final class FleetLock {

  /** The header every request carries, with the value {@code true}. */
  public static final String HEADER = "fleet-lock-protocol";

  /** A reboot group, as the protocol defines it. */
  static final Pattern GROUP = Pattern.compile("^[a-zA-Z0-9.-]+$");

  /** The longest client id and group taken; ids are machine ids, UUIDs or node names. */
  static final int MAX_ID = 253;

  static final int MAX_GROUP = 63;

  private static final ObjectMapper JSON = new ObjectMapper();

  private FleetLock() {}

  /** The few kinds of error a FleetLock client is answered with (it counts them in metrics). */
  public enum Kind {
    MISSING_HEADER(400, "missing_fleet_lock_header"),
    MALFORMED_BODY(400, "malformed_body"),
    INVALID_CLIENT_PARAMS(400, "invalid_client_params"),
    SEMAPHORE_FULL(409, "failed_lock_semaphore_full"),
    BLOCKED(409, "failed_lock_blocked"),
    UNAVAILABLE(503, "coordinator_unavailable");

    private final int status;
    private final String id;

    Kind(int status, String id) {
      this.status = status;
      this.id = id;
    }

    public int status() {
      return status;
    }

    public String id() {
      return id;
    }
  }

  /** What a request asks, read. */
  public sealed interface Parsed {}

  /** A well-formed request from client {@code id} of reboot group {@code group}. */
  public record Request(String id, String group) implements Parsed {}

  /** An answer other than 200: its status, and the body {@code {"kind", "value"}}. */
  public record Error(Kind kind, String value) implements Parsed {

    public Error {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("a FleetLock error says what went wrong");
      }
    }

    public int status() {
      return kind.status();
    }

    public String json() {
      ObjectNode body = JSON.createObjectNode();
      body.put("kind", kind.id());
      body.put("value", value);
      return body.toString();
    }
  }

  /**
   * Reads a request.
   *
   * @param header the value of the {@code fleet-lock-protocol} header, or null when absent
   * @param body the request's body
   */
  public static Parsed parse(String header, String body) {
    if (header == null || !header.strip().equalsIgnoreCase("true")) {
      return new Error(
          Kind.MISSING_HEADER,
          "a FleetLock request carries the header 'fleet-lock-protocol: true'");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return new Error(Kind.MALFORMED_BODY, "the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      return new Error(
          Kind.MALFORMED_BODY, "the body is a JSON object with client_params {id, group}");
    }
    JsonNode params = root.get("client_params");
    if (params == null || !params.isObject()) {
      return new Error(Kind.INVALID_CLIENT_PARAMS, "client_params {id, group} is missing");
    }
    JsonNode id = params.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      return new Error(Kind.INVALID_CLIENT_PARAMS, "client_params.id must be a non-empty string");
    }
    if (id.asText().length() > MAX_ID) {
      return new Error(
          Kind.INVALID_CLIENT_PARAMS, "client_params.id must be at most " + MAX_ID + " characters");
    }
    JsonNode group = params.get("group");
    if (group == null
        || !group.isTextual()
        || group.asText().length() > MAX_GROUP
        || !GROUP.matcher(group.asText()).matches()) {
      return new Error(
          Kind.INVALID_CLIENT_PARAMS,
          "client_params.group must be letters, digits, '.' and '-', at most "
              + MAX_GROUP
              + " characters");
    }
    return new Request(id.asText(), group.asText());
  }

  /**
   * The answer to a {@code pre-reboot} that may not reboot now: a full semaphore alone is {@code
   * failed_lock_semaphore_full}, anything else blocking it {@code failed_lock_blocked}; the value
   * gives every reason.
   */
  public static Error denied(List<RebootGate.Blocker> blockers) {
    if (blockers.isEmpty()) {
      throw new IllegalArgumentException("a denial has a reason");
    }
    boolean onlyFull = blockers.stream().allMatch(b -> b.reason() == RebootGate.Reason.GROUP_FULL);
    return new Error(
        onlyFull ? Kind.SEMAPHORE_FULL : Kind.BLOCKED,
        blockers.stream().map(RebootGate.Blocker::message).collect(Collectors.joining("; ")));
  }
}

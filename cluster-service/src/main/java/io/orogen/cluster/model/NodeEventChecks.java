package io.orogen.cluster.model;

import io.orogen.events.Constraints;
import io.orogen.events.EtcdVersion;
import io.orogen.events.FieldError;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What cluster-service needs of a node event before it applies it: an event that fails is
 * dead-lettered and never applied, so one forged or broken {@code NodeRegistered} cannot poison
 * placement for every later cluster.
 */
public final class NodeEventChecks {

  private static final Pattern NODE = Pattern.compile(Constraints.NODE_NAME);
  private static final Pattern LABEL = Pattern.compile(Constraints.DNS_1123_LABEL);
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");

  private NodeEventChecks() {}

  public static List<FieldError> registered(NodeRegistered e) {
    List<FieldError> errors = new ArrayList<>();
    node(errors, e.node());
    if (e.address() == null || !ADDRESS.matcher(e.address()).matches()) {
      errors.add(new FieldError("address", "must be a host name or an IP address"));
    }
    if (e.etcdVersions() == null) {
      errors.add(new FieldError("etcdVersions", "must not be null"));
    } else if (e.etcdVersions().size() > 100
        || e.etcdVersions().stream().anyMatch(v -> EtcdVersion.parse(v).isEmpty())) {
      errors.add(new FieldError("etcdVersions", "must be at most 100 exact versions like 3.5.16"));
    }
    if (e.portRange() == null
        || e.portRange().first() < 1
        || e.portRange().last() > 65535
        || e.portRange().first() > e.portRange().last()) {
      errors.add(new FieldError("portRange", "must be a range of ports within 1-65535"));
    }
    if (e.capacity() == null || e.capacity().maxMembers() < 0) {
      errors.add(new FieldError("capacity", "must say how many members the node can take"));
    }
    if (e.bootId() == null || e.bootId().isBlank() || e.bootId().length() > 200) {
      errors.add(new FieldError("bootId", "must be 1 to 200 characters"));
    }
    if (e.labels() != null
        && (e.labels().size() > 50
            || e.labels().entrySet().stream()
                .anyMatch(
                    l ->
                        l.getKey() == null
                            || l.getKey().length() > 63
                            || l.getValue() == null
                            || l.getValue().length() > 200))) {
      errors.add(
          new FieldError("labels", "must be at most 50 labels of 63-character names, 200 values"));
    }
    return errors;
  }

  public static List<FieldError> heartbeat(NodeHeartbeat e) {
    List<FieldError> errors = new ArrayList<>();
    node(errors, e.node());
    if (e.bootId() != null && e.bootId().length() > 200) {
      errors.add(new FieldError("bootId", "must be at most 200 characters"));
    }
    return errors;
  }

  public static List<FieldError> started(MemberProcessStarted e) {
    return member(e.node(), e.cluster(), e.member());
  }

  public static List<FieldError> exited(MemberProcessExited e) {
    return member(e.node(), e.cluster(), e.member());
  }

  public static List<FieldError> dataRemoved(MemberDataRemoved e) {
    return member(e.node(), e.cluster(), e.member());
  }

  private static List<FieldError> member(String node, String cluster, String member) {
    List<FieldError> errors = new ArrayList<>();
    node(errors, node);
    label(errors, "cluster", cluster);
    label(errors, "member", member);
    return errors;
  }

  private static void node(List<FieldError> errors, String node) {
    if (node == null || node.length() > 253 || !NODE.matcher(node).matches()) {
      errors.add(new FieldError("node", Constraints.NODE_NAME_MESSAGE));
    }
  }

  private static void label(List<FieldError> errors, String field, String value) {
    if (value == null || value.length() > 63 || !LABEL.matcher(value).matches()) {
      errors.add(new FieldError(field, Constraints.DNS_1123_LABEL_MESSAGE));
    }
  }
}

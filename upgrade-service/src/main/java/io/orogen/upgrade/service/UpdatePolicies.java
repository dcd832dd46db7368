package io.orogen.upgrade.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.orogen.events.ContractJson;
import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.upgrade.MaintenanceWindow;
import io.orogen.events.upgrade.SetUpdatePolicy;
import io.orogen.events.upgrade.UpdatePolicySet;
import io.orogen.events.upgrade.UpdateStrategy;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.text.Bounded;
import io.orogen.upgrade.model.Windows;
import io.orogen.upgrade.persistence.ClusterViewEntity;
import io.orogen.upgrade.persistence.UpdatePolicyEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Update policies: a cluster's channel, strategy and maintenance windows. */
@ApplicationScoped
public class UpdatePolicies {

  private final Outbox outbox;

  public UpdatePolicies(Outbox outbox) {
    this.outbox = outbox;
  }

  /** What Bean Validation cannot see: each window's time zone must be an IANA zone. */
  public static List<FieldError> windowErrors(SetUpdatePolicy policy) {
    List<FieldError> errors = new ArrayList<>();
    List<MaintenanceWindow> windows = policy.windows() == null ? List.of() : policy.windows();
    for (int i = 0; i < windows.size(); i++) {
      MaintenanceWindow w = windows.get(i);
      if (w != null && w.zone() != null && Windows.zone(w.zone()).isEmpty()) {
        errors.add(
            new FieldError(
                "windows[" + i + "].zone",
                "is not a time zone: use an IANA zone such as Europe/Berlin or UTC"));
      }
    }
    return errors;
  }

  public Uni<Outcome> set(SetUpdatePolicy command, Operation op) {
    List<FieldError> errors = windowErrors(command);
    if (!errors.isEmpty()) {
      return Uni.createFrom()
          .item(
              new Outcome.Rejected(
                  RejectionCode.INVALID_FIELD,
                  errors.get(0).field() + " " + errors.get(0).message(),
                  errors));
    }
    return ClusterViewEntity.<ClusterViewEntity>findById(command.cluster())
        .flatMap(
            view -> {
              if (view == null) {
                return UpgradeCommands.rejected(
                    RejectionCode.NOT_FOUND, "no cluster named " + Bounded.id(command.cluster()));
              }
              return UpdatePolicyEntity.<UpdatePolicyEntity>findById(command.cluster())
                  .flatMap(
                      existing -> {
                        UpdatePolicyEntity policy =
                            existing != null ? existing : new UpdatePolicyEntity();
                        policy.cluster = command.cluster();
                        policy.channel = command.channel();
                        policy.strategy =
                            command.strategy() == null
                                ? UpdateStrategy.APPROVAL
                                : command.strategy();
                        List<MaintenanceWindow> windows =
                            command.windows() == null ? List.of() : command.windows();
                        policy.windows = json(windows);
                        policy.announced = null;
                        policy.refused = null;
                        policy.updatedAt = Instant.now();
                        return (existing != null
                                ? Uni.createFrom().item(policy)
                                : policy.<UpdatePolicyEntity>persist())
                            .chain(
                                () ->
                                    outbox.append(
                                        Domain.UPGRADE,
                                        new UpdatePolicySet(
                                            policy.cluster,
                                            policy.channel,
                                            policy.strategy,
                                            windows),
                                        op))
                            .replaceWith((Outcome) new Outcome.Accepted(null, op.correlationId()));
                      });
            });
  }

  public static List<MaintenanceWindow> windows(UpdatePolicyEntity policy) {
    try {
      return policy.windows == null
          ? List.of()
          : ContractJson.mapper().readValue(policy.windows, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(List<MaintenanceWindow> windows) {
    try {
      return ContractJson.mapper().writeValueAsString(windows);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

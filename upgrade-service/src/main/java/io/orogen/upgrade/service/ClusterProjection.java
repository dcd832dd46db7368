package io.orogen.upgrade.service;

import io.orogen.events.CommandRejected;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.LeaderTransferFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.cluster.Provider;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.text.Bounded;
import io.orogen.upgrade.persistence.ClusterViewEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * upgrade-service's picture of the clusters, kept from {@code orogen.cluster.events}, and the
 * answers cluster-service gives a run (a member restarted, leadership moved, a command refused),
 * recorded on the cluster's run for its reconciler. Each method runs inside the inbox's transaction
 * and names the run it touched, to be reconciled at once.
 */
@ApplicationScoped
public class ClusterProjection {

  public Uni<Outcome> accepted(ClusterAccepted event) {
    return ClusterViewEntity.<ClusterViewEntity>findById(event.cluster())
        .flatMap(
            existing -> {
              ClusterViewEntity view = existing != null ? existing : new ClusterViewEntity();
              view.name = event.cluster();
              view.provider =
                  (event.provider() == null ? Provider.AGENTS : event.provider())
                      .name()
                      .toLowerCase();
              view.phase = "PROVISIONING";
              view.version = event.version();
              view.members = "";
              view.leader = null;
              view.readySince = null;
              view.degradedSince = null;
              view.updatedAt = Instant.now();
              return (existing != null
                      ? Uni.createFrom().item(view)
                      : view.<ClusterViewEntity>persist())
                  .replaceWith(none());
            });
  }

  /** Whole: the settle time of a run's member counts from here; degraded time ends. */
  public Uni<Outcome> ready(ClusterReady event) {
    Instant now = Instant.now();
    return change(
        event.cluster(),
        (view, run) -> {
          if (run != null && view.degradedSince != null) {
            run.degradedMillis += Duration.between(view.degradedSince, now).toMillis();
          }
          if (!"READY".equals(view.phase)) {
            view.readySince = now;
          }
          view.phase = "READY";
          view.degradedSince = null;
          view.version = event.version();
          members(view, event.members());
        });
  }

  public Uni<Outcome> degraded(ClusterDegraded event) {
    return change(
        event.cluster(),
        (view, run) -> {
          view.phase = "DEGRADED";
          view.readySince = null;
          if (view.degradedSince == null) {
            view.degradedSince = Instant.now();
          }
          if (event.members() != null && !event.members().isEmpty()) {
            members(view, event.members());
          }
        });
  }

  public Uni<Outcome> scaled(ClusterScaled event) {
    return change(event.cluster(), (view, run) -> members(view, event.members()));
  }

  public Uni<Outcome> replaced(MemberReplaced event) {
    return change(
        event.cluster(),
        (view, run) -> {
          List<ClusterViewEntity.Member> members = new ArrayList<>(view.memberList());
          members.removeIf(m -> m.name().equals(event.replacedMember()));
          ClusterMember added = event.member();
          if (added != null) {
            members.add(
                new ClusterViewEntity.Member(
                    added.name(), added.node(), role(added.role()), added.version()));
          }
          view.memberList(members);
        });
  }

  public Uni<Outcome> leaderMoved(LeaderMoved event) {
    return change(
        event.cluster(),
        (view, run) -> {
          view.leader = event.to();
          view.memberList(
              view.memberList().stream()
                  .map(
                      m ->
                          new ClusterViewEntity.Member(
                              m.name(),
                              m.node(),
                              m.name().equals(event.to())
                                  ? "leader"
                                  : "leader".equals(m.role()) ? "follower" : m.role(),
                              m.version()))
                  .toList());
          if (run != null && run.stage == UpgradeRunEntity.Stage.TRANSFER) {
            run.leaderMovedTo = event.to();
          }
        });
  }

  public Uni<Outcome> transferFailed(LeaderTransferFailed event) {
    return change(
        event.cluster(),
        (view, run) -> {
          if (run != null && run.stage == UpgradeRunEntity.Stage.TRANSFER) {
            run.transferFailure = Bounded.message(event.reason());
          }
        });
  }

  public Uni<Outcome> restarted(MemberRestarted event) {
    return change(
        event.cluster(),
        (view, run) -> {
          view.version = event.clusterVersion();
          view.memberList(
              view.memberList().stream()
                  .map(
                      m ->
                          m.name().equals(event.member())
                              ? new ClusterViewEntity.Member(
                                  m.name(), m.node(), m.role(), event.to())
                              : m)
                  .toList());
          if (run != null) {
            run.restarted = event.member() + "@" + event.to();
          }
        });
  }

  /** cluster-service refused a command: recorded on the run that sent it. */
  public Uni<Outcome> refused(CommandRejected event) {
    if (event.commandId() == null) {
      return Uni.createFrom().item(none());
    }
    return UpgradeRunEntity.<UpgradeRunEntity>find("commandId", event.commandId())
        .firstResult()
        .map(
            run -> {
              if (run == null || !run.state.active()) {
                return none();
              }
              run.rejection = event.code().name() + " " + Bounded.message(event.message());
              run.updatedAt = Instant.now();
              return new Outcome.Accepted(run.id, null);
            });
  }

  /** A deleted cluster is forgotten; a run of it fails at its next step. */
  public Uni<Outcome> deleted(ClusterDeleted event) {
    return ClusterViewEntity.deleteById(event.cluster())
        .chain(() -> UpgradeRunEntity.active(event.cluster()))
        .map(run -> run == null ? none() : new Outcome.Accepted(run.id, null));
  }

  private static void members(ClusterViewEntity view, List<ClusterMember> members) {
    if (members == null) {
      return;
    }
    view.memberList(
        members.stream()
            .map(m -> new ClusterViewEntity.Member(m.name(), m.node(), role(m.role()), m.version()))
            .toList());
    view.leader =
        members.stream()
            .filter(m -> m.role() == MemberRole.LEADER)
            .map(ClusterMember::name)
            .findFirst()
            .orElse(null);
  }

  private static String role(MemberRole role) {
    return role == null ? "unknown" : role.name().toLowerCase();
  }

  /** Changes the cluster's view and its active run, if it has them; names the run. */
  private static Uni<Outcome> change(
      String cluster, BiConsumer<ClusterViewEntity, UpgradeRunEntity> change) {
    return ClusterViewEntity.<ClusterViewEntity>findById(cluster)
        .flatMap(
            view ->
                view == null
                    ? Uni.createFrom().item(none())
                    : UpgradeRunEntity.active(cluster)
                        .map(
                            run -> {
                              change.accept(view, run);
                              view.updatedAt = Instant.now();
                              if (run == null) {
                                return none();
                              }
                              run.updatedAt = Instant.now();
                              return new Outcome.Accepted(run.id, null);
                            }));
  }

  static Outcome none() {
    return new Outcome.Accepted(null, null);
  }

  static Uni<Outcome> onRun(String id, Consumer<UpgradeRunEntity> change) {
    return UpgradeRunEntity.<UpgradeRunEntity>findById(id)
        .map(
            run -> {
              if (run == null || !run.state.active()) {
                return none();
              }
              change.accept(run);
              run.updatedAt = Instant.now();
              return new Outcome.Accepted(run.id, null);
            });
  }
}

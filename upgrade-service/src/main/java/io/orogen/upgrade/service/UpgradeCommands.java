package io.orogen.upgrade.service;

import io.orogen.events.Domain;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.upgrade.AbortUpgrade;
import io.orogen.events.upgrade.PauseUpgrade;
import io.orogen.events.upgrade.ResumeUpgrade;
import io.orogen.events.upgrade.UpgradeCluster;
import io.orogen.events.upgrade.UpgradePlanned;
import io.orogen.events.upgrade.UpgradeResumed;
import io.orogen.events.upgrade.UpgradeTrigger;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.upgrade.config.UpgradeServiceConfig;
import io.orogen.upgrade.model.Estimate;
import io.orogen.upgrade.model.RunOrder;
import io.orogen.upgrade.model.UpgradePath;
import io.orogen.upgrade.persistence.ClusterViewEntity;
import io.orogen.upgrade.persistence.NodeViewEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The upgrade commands, shared by the REST API, the Kafka consumer and the update policies. Each
 * method runs inside the caller's transaction: the run and its events commit together.
 */
@ApplicationScoped
public class UpgradeCommands {

  private final Outbox outbox;
  private final UpgradeServiceConfig config;

  public UpgradeCommands(Outbox outbox, UpgradeServiceConfig config) {
    this.outbox = outbox;
    this.config = config;
  }

  public Uni<Outcome> upgrade(UpgradeCluster command, Operation op) {
    return start(
        command.cluster(),
        command.targetVersion(),
        Boolean.TRUE.equals(command.skipBackup()),
        UpgradeTrigger.MANUAL,
        op);
  }

  /**
   * Checks an upgrade of {@code cluster} to {@code target} and, when it may run, records the run
   * with its plan and says {@code UpgradePlanned}; the run's reconciler takes it from there.
   */
  public Uni<Outcome> start(
      String cluster, String target, boolean skipBackup, UpgradeTrigger trigger, Operation op) {
    return ClusterViewEntity.<ClusterViewEntity>findById(cluster)
        .flatMap(
            view -> {
              if (view == null) {
                return rejected(
                    RejectionCode.NOT_FOUND,
                    "no cluster named " + io.orogen.kit.text.Bounded.id(cluster));
              }
              return UpgradeRunEntity.active(cluster)
                  .flatMap(
                      active -> {
                        if (active != null) {
                          return rejected(
                              RejectionCode.CONFLICT,
                              "cluster "
                                  + cluster
                                  + " is being upgraded to "
                                  + active.toVersion
                                  + " (run "
                                  + active.id
                                  + ")");
                        }
                        return NodeViewEntity.<NodeViewEntity>listAll()
                            .flatMap(
                                nodes ->
                                    recentTimings(cluster)
                                        .flatMap(
                                            timings ->
                                                plan(
                                                    view,
                                                    target,
                                                    skipBackup,
                                                    trigger,
                                                    nodes,
                                                    timings,
                                                    op)));
                      });
            });
  }

  /** Why {@code view} may not go to {@code target} now, if it may not. */
  public Optional<Outcome.Rejected> check(
      ClusterViewEntity view, String target, List<NodeViewEntity> nodes) {
    if (!"READY".equals(view.phase)) {
      return Optional.of(
          new Outcome.Rejected(
              RejectionCode.CONFLICT,
              "cluster "
                  + view.name
                  + " is "
                  + view.phase.toLowerCase()
                  + ": it is upgraded only when every member answers and one leads"));
    }
    List<ClusterViewEntity.Member> members = view.memberList();
    if (members.isEmpty()
        || view.leader == null
        || members.stream().anyMatch(m -> "unknown".equals(m.role()))) {
      return Optional.of(
          new Outcome.Rejected(
              RejectionCode.CONFLICT,
              "cluster " + view.name + " is not healthy: every member must answer and one lead"));
    }
    Optional<String> path = UpgradePath.refusal(view.version, target);
    if (path.isPresent()) {
      return Optional.of(
          new Outcome.Rejected(
              RejectionCode.INVALID_FIELD,
              path.get(),
              List.of(new FieldError("targetVersion", path.get()))));
    }
    Set<String> lacking =
        UpgradePath.nodesLacking(
            target,
            members.stream().map(ClusterViewEntity.Member::node).toList(),
            releases(view, nodes));
    if (!lacking.isEmpty()) {
      String why =
          "etcd "
              + target
              + " is not available on "
              + ("kubernetes".equals(view.provider)
                  ? "Kubernetes (orogen.upgrade.kubernetes-versions)"
                  : "node " + String.join(", ", lacking));
      return Optional.of(
          new Outcome.Rejected(
              RejectionCode.UNKNOWN_VERSION, why, List.of(new FieldError("targetVersion", why))));
    }
    return Optional.empty();
  }

  /** The releases each node of {@code view}'s provider can run. */
  public Map<String, Collection<String>> releases(
      ClusterViewEntity view, List<NodeViewEntity> nodes) {
    Map<String, Collection<String>> releases = new HashMap<>();
    if ("kubernetes".equals(view.provider)) {
      view.memberList().forEach(m -> releases.put(m.node(), config.kubernetesVersions()));
    } else {
      nodes.forEach(n -> releases.put(n.name, n.versionList()));
    }
    return releases;
  }

  private Uni<Outcome> plan(
      ClusterViewEntity view,
      String target,
      boolean skipBackup,
      UpgradeTrigger trigger,
      List<NodeViewEntity> nodes,
      List<Long> timings,
      Operation op) {
    Optional<Outcome.Rejected> refused = check(view, target, nodes);
    if (refused.isPresent()) {
      return Uni.createFrom().item(refused.get());
    }
    List<String> order =
        RunOrder.of(
            view.memberList().stream().map(ClusterViewEntity.Member::name).toList(), view.leader);
    Duration estimate =
        Estimate.of(
            timings,
            order.size(),
            skipBackup ? Duration.ZERO : config.backupEstimate(),
            config.memberEstimate());
    return UpgradeRunEntity.<UpgradeRunEntity>findById(op.correlationId())
        .flatMap(
            taken -> {
              UpgradeRunEntity run = new UpgradeRunEntity();
              // The run's id is its correlation id: the command's, unless a run has it already.
              run.id = taken == null ? op.correlationId() : UUID.randomUUID().toString();
              run.cluster = view.name;
              run.fromVersion = view.version;
              run.toVersion = target;
              run.trigger = trigger;
              run.skipBackup = skipBackup;
              run.state =
                  skipBackup ? UpgradeRunEntity.State.ROLLING : UpgradeRunEntity.State.BACKING_UP;
              run.plan = String.join(",", order);
              run.leader = view.leader;
              run.rolledBack = "";
              run.timings = "";
              run.estimatedMillis = estimate.toMillis();
              run.createdAt = Instant.now();
              run.updatedAt = run.createdAt;
              return run.<UpgradeRunEntity>persist()
                  .chain(
                      () ->
                          outbox.append(
                              Domain.UPGRADE,
                              new UpgradePlanned(
                                  run.id,
                                  run.cluster,
                                  run.fromVersion,
                                  run.toVersion,
                                  order,
                                  view.leader,
                                  run.estimatedMillis,
                                  !skipBackup,
                                  trigger),
                              new Operation(run.id, op.causationId())))
                  .replaceWith(new Outcome.Accepted(run.id, run.id));
            });
  }

  /** This cluster's latest member timings, newest run first. */
  public static Uni<List<Long>> recentTimings(String cluster) {
    return UpgradeRunEntity.<UpgradeRunEntity>find(
            "cluster = ?1 and timings <> '' order by createdAt desc", cluster)
        .page(0, Estimate.RECENT)
        .list()
        .map(
            runs -> {
              List<Long> timings = new ArrayList<>();
              runs.forEach(r -> r.timingList().forEach(t -> timings.add(t.durationMillis())));
              return timings;
            });
  }

  /** Pauses the cluster's run before its next member. */
  public Uni<Outcome> pause(PauseUpgrade command, Operation op) {
    return onActive(
        command.cluster(),
        run -> {
          if (run.state == UpgradeRunEntity.State.ROLLING_BACK) {
            return new Outcome.Rejected(
                RejectionCode.CONFLICT,
                "the upgrade of " + run.cluster + " is rolling back; it cannot be paused");
          }
          if (!run.paused) {
            run.paused = true;
            run.pauseReported = false;
            run.updatedAt = Instant.now();
          }
          return new Outcome.Accepted(run.id, run.id);
        });
  }

  public Uni<Outcome> resume(ResumeUpgrade command, Operation op) {
    return ClusterViewEntity.<ClusterViewEntity>findById(command.cluster())
        .flatMap(
            view ->
                UpgradeRunEntity.active(command.cluster())
                    .flatMap(
                        run -> {
                          if (run == null) {
                            return rejected(
                                RejectionCode.NOT_FOUND,
                                "no upgrade of cluster " + command.cluster() + " runs");
                          }
                          if (!run.paused) {
                            return rejected(
                                RejectionCode.CONFLICT,
                                "the upgrade of " + run.cluster + " is not paused");
                          }
                          run.paused = false;
                          run.pauseReported = false;
                          run.updatedAt = Instant.now();
                          return outbox
                              .append(
                                  Domain.UPGRADE,
                                  new UpgradeResumed(run.id, run.cluster, run.currentMember()),
                                  new Operation(run.id, op.causationId()))
                              .replaceWith((Outcome) new Outcome.Accepted(run.id, run.id));
                        }));
  }

  /**
   * Aborts the cluster's run between members. Refused once the last member of a minor upgrade is
   * being restarted: with every member on the new minor etcd moves the cluster version up, and
   * nothing can go back.
   */
  public Uni<Outcome> abort(AbortUpgrade command, Operation op) {
    return onActive(
        command.cluster(),
        run -> {
          if (run.state == UpgradeRunEntity.State.ROLLING_BACK) {
            return new Outcome.Rejected(
                RejectionCode.CONFLICT,
                "the upgrade of " + run.cluster + " is rolling back already");
          }
          boolean lastUnderWay = run.stage != null && run.position == run.planList().size() - 1;
          if (lastUnderWay && !UpgradePath.withinMinor(run.fromVersion, run.toVersion)) {
            return new Outcome.Rejected(
                RejectionCode.CONFLICT,
                "the last member of "
                    + run.cluster
                    + " is being upgraded to "
                    + run.toVersion
                    + ": once every member runs the new minor release etcd moves the cluster"
                    + " version up and cannot go back; restore a backup to undo it");
          }
          run.abortRequested = true;
          run.updatedAt = Instant.now();
          return new Outcome.Accepted(run.id, run.id);
        });
  }

  private static Uni<Outcome> onActive(
      String cluster, java.util.function.Function<UpgradeRunEntity, Outcome> action) {
    return UpgradeRunEntity.active(cluster)
        .map(
            run ->
                run == null
                    ? new Outcome.Rejected(
                        RejectionCode.NOT_FOUND,
                        "no upgrade of cluster " + io.orogen.kit.text.Bounded.id(cluster) + " runs")
                    : action.apply(run));
  }

  static Uni<Outcome> rejected(RejectionCode code, String message) {
    return Uni.createFrom().item(new Outcome.Rejected(code, message));
  }
}

package io.orogen.upgrade.run;

import io.orogen.events.Domain;
import io.orogen.events.upgrade.MaintenanceWindow;
import io.orogen.events.upgrade.UpdateAvailable;
import io.orogen.events.upgrade.UpdateChannel;
import io.orogen.events.upgrade.UpdateStrategy;
import io.orogen.events.upgrade.UpgradeRefused;
import io.orogen.events.upgrade.UpgradeTrigger;
import io.orogen.kit.command.Operation;
import io.orogen.kit.command.Outcome;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.store.Transactions;
import io.orogen.upgrade.config.UpgradeServiceConfig;
import io.orogen.upgrade.model.Channels;
import io.orogen.upgrade.model.Estimate;
import io.orogen.upgrade.model.Windows;
import io.orogen.upgrade.persistence.ClusterViewEntity;
import io.orogen.upgrade.persistence.NodeViewEntity;
import io.orogen.upgrade.persistence.UpdatePolicyEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.orogen.upgrade.service.UpdatePolicies;
import io.orogen.upgrade.service.UpgradeCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps clusters on their channel, every {@code orogen.upgrade.policy-interval}: for each healthy
 * cluster with a policy and no run, the release its channel offers (on every node of its members)
 * is announced once ({@code UpdateAvailable}, strategy {@code approval}) or started ({@code
 * automatic}) inside a maintenance window it is estimated to end in; a run that would overrun the
 * open window is not started, and {@code UpgradeRefused} says once when the next window that fits
 * opens. Two instances may check at once: the database allows one run per cluster.
 */
@ApplicationScoped
public class PolicyScheduler {

  private static final Logger LOG = Logger.getLogger(PolicyScheduler.class);

  private final UpgradeCommands commands;
  private final Outbox outbox;
  private final RunQueue runs;
  private final UpgradeServiceConfig config;
  private ScheduledExecutorService timer;

  PolicyScheduler(
      UpgradeCommands commands, Outbox outbox, RunQueue runs, UpgradeServiceConfig config) {
    this.commands = commands;
    this.outbox = outbox;
    this.runs = runs;
    this.config = config;
  }

  void onStart(@Observes StartupEvent start) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "update-policies");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.policyInterval().toMillis();
    timer.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent stop) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  void checkAll() {
    try {
      List<String> clusters =
          Transactions.await(
              () ->
                  UpdatePolicyEntity.<UpdatePolicyEntity>list("channel <> ?1", UpdateChannel.PINNED)
                      .map(all -> all.stream().map(p -> p.cluster).toList()));
      for (String cluster : clusters) {
        try {
          check(cluster);
        } catch (RuntimeException e) {
          LOG.warnf("update policy of %s: %s", cluster, e.toString());
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("update policies could not be read: %s", e.toString());
    }
  }

  private void check(String cluster) {
    Optional<String> started =
        Transactions.await(
            () ->
                UpdatePolicyEntity.<UpdatePolicyEntity>findById(cluster)
                    .flatMap(
                        policy ->
                            ClusterViewEntity.<ClusterViewEntity>findById(cluster)
                                .flatMap(
                                    view ->
                                        UpgradeRunEntity.active(cluster)
                                            .flatMap(
                                                run ->
                                                    policy == null
                                                            || view == null
                                                            || run != null
                                                            || !"READY".equals(view.phase)
                                                        ? Uni.createFrom()
                                                            .item(Optional.<String>empty())
                                                        : offer(policy, view)))));
    outbox.wake();
    started.ifPresent(runs::request);
  }

  private Uni<Optional<String>> offer(UpdatePolicyEntity policy, ClusterViewEntity view) {
    return NodeViewEntity.<NodeViewEntity>listAll()
        .flatMap(
            nodes -> {
              Map<String, Collection<String>> releases = commands.releases(view, nodes);
              Set<String> available = null;
              for (ClusterViewEntity.Member member : view.memberList()) {
                Set<String> on = new HashSet<>(releases.getOrDefault(member.node(), List.of()));
                if (available == null) {
                  available = on;
                } else {
                  available.retainAll(on);
                }
              }
              Optional<String> offered =
                  Channels.offer(
                      view.version, policy.channel, available == null ? Set.of() : available);
              if (offered.isEmpty()) {
                policy.announced = null;
                return Uni.createFrom().item(Optional.<String>empty());
              }
              String version = offered.get();
              if (policy.strategy == UpdateStrategy.APPROVAL) {
                if (version.equals(policy.announced)) {
                  return Uni.createFrom().item(Optional.<String>empty());
                }
                LOG.infof(
                    "cluster %s: etcd %s is available (%s)", view.name, version, policy.channel);
                policy.announced = version;
                return outbox
                    .append(
                        Domain.UPGRADE,
                        new UpdateAvailable(view.name, version, view.version, policy.channel),
                        Operation.start())
                    .replaceWith(Optional.<String>empty());
              }
              return UpgradeCommands.recentTimings(view.name)
                  .flatMap(timings -> automatic(policy, view, version, timings));
            });
  }

  private Uni<Optional<String>> automatic(
      UpdatePolicyEntity policy, ClusterViewEntity view, String version, List<Long> timings) {
    Instant now = Instant.now();
    List<MaintenanceWindow> windows = UpdatePolicies.windows(policy);
    Duration estimate =
        Estimate.of(
            timings, view.memberList().size(), config.backupEstimate(), config.memberEstimate());
    if (Windows.fits(windows, now, estimate)) {
      LOG.infof(
          "cluster %s: starting the automatic update to %s (estimated %d s)",
          view.name, version, estimate.toSeconds());
      return commands
          .start(view.name, version, false, UpgradeTrigger.AUTOMATIC, Operation.start())
          .flatMap(
              outcome -> {
                if (outcome instanceof Outcome.Accepted accepted) {
                  policy.refused = null;
                  return Uni.createFrom().item(Optional.of(accepted.aggregate()));
                }
                Outcome.Rejected rejected = (Outcome.Rejected) outcome;
                return refuse(policy, view, version, rejected.message(), null);
              });
    }
    if (Windows.openAt(windows, now).isEmpty()) {
      return Uni.createFrom().item(Optional.empty()); // it waits for a window, quietly
    }
    Optional<Instant> next = Windows.nextFit(windows, now, estimate);
    String reason =
        "the run is estimated at "
            + estimate.toSeconds()
            + " s and would not end inside the open window"
            + (next.isPresent() ? "" : "; no window within four weeks is long enough");
    return refuse(policy, view, version, reason, next.orElse(null));
  }

  /** Says once why the update was not started (again when the reason changes). */
  private Uni<Optional<String>> refuse(
      UpdatePolicyEntity policy,
      ClusterViewEntity view,
      String version,
      String reason,
      Instant nextWindow) {
    String said = version + " " + reason + " " + nextWindow;
    if (said.equals(policy.refused)) {
      return Uni.createFrom().item(Optional.empty());
    }
    LOG.infof("cluster %s: the automatic update to %s waits: %s", view.name, version, reason);
    policy.refused = said;
    return outbox
        .append(
            Domain.UPGRADE,
            new UpgradeRefused(view.name, version, reason, nextWindow),
            Operation.start())
        .replaceWith(Optional.empty());
  }
}

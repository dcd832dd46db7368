package io.orogen.upgrade.run;

import io.orogen.events.Domain;
import io.orogen.events.backup.BackupTrigger;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.events.upgrade.MemberUpgraded;
import io.orogen.events.upgrade.UpgradeAborted;
import io.orogen.events.upgrade.UpgradeBackedUp;
import io.orogen.events.upgrade.UpgradeCompleted;
import io.orogen.events.upgrade.UpgradeFailed;
import io.orogen.events.upgrade.UpgradePaused;
import io.orogen.kit.command.Operation;
import io.orogen.kit.lease.Leases;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.store.Transactions;
import io.orogen.kit.work.Requeue;
import io.orogen.upgrade.config.UpgradeServiceConfig;
import io.orogen.upgrade.model.UpgradePath;
import io.orogen.upgrade.persistence.ClusterViewEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity;
import io.orogen.upgrade.persistence.UpgradeRunEntity.Stage;
import io.orogen.upgrade.persistence.UpgradeRunEntity.State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Moves one upgrade run on by one step per pass, from what is recorded on it (the answers its
 * commands got) and the cluster's view; every step is a transaction that also appends what it
 * sends, so a successor resumes at the step the run was on: never two members down at once, never a
 * member upgraded twice.
 *
 * <ol>
 *   <li>{@code BACKING_UP}: asks backup-service for a backup ({@code CreateBackup} PreUpgrade under
 *       the run's correlation id) and waits for it, and for its verification when one follows.
 *   <li>{@code ROLLING}: between members (the cluster whole), moves leadership off the next member
 *       if it leads ({@code TransferLeadership}, to an upgraded member when there is one), then
 *       asks cluster-service to restart it on the release ({@code RestartMember}); once it answers
 *       ({@code MemberRestarted}) and the cluster stayed whole for the settle time, {@code
 *       MemberUpgraded}. A member that does not get there within {@code member-timeout}, or that
 *       exits by itself {@code member-exit-limit} times on the release, is rolled back. Pause and
 *       abort take effect between members.
 *   <li>{@code ROLLING_BACK}: restarts the members to roll back on the old release, one at a time,
 *       then ends the run as {@code UpgradeFailed} or {@code UpgradeAborted}.
 * </ol>
 */
@ApplicationScoped
public class UpgradeRunner {

  private static final Logger LOG = Logger.getLogger(UpgradeRunner.class);
  private static final String LEASE = "upgrade-run";

  private final Leases leases;
  private final Outbox outbox;
  private final UpgradeServiceConfig config;

  UpgradeRunner(Leases leases, Outbox outbox, UpgradeServiceConfig config) {
    this.leases = leases;
    this.outbox = outbox;
    this.config = config;
  }

  private record Loaded(UpgradeRunEntity run, ClusterViewEntity view) {}

  public Requeue reconcile(String id) {
    if (!Transactions.await(() -> leases.acquire(LEASE, id, config.leaseDuration()))) {
      return Requeue.after(config.leaseDuration());
    }
    Loaded loaded =
        Transactions.await(
            () ->
                UpgradeRunEntity.<UpgradeRunEntity>findById(id)
                    .flatMap(
                        run ->
                            run == null
                                ? Uni.createFrom().nullItem()
                                : ClusterViewEntity.<ClusterViewEntity>findById(run.cluster)
                                    .map(view -> new Loaded(run, view))));
    if (loaded == null || !loaded.run().state.active()) {
      return Requeue.done();
    }
    UpgradeRunEntity run = loaded.run();
    ClusterViewEntity view = loaded.view();
    if (view == null) {
      finish(run, State.FAILED, "cluster " + run.cluster + " was deleted during its upgrade");
      return Requeue.done();
    }
    return switch (run.state) {
      case BACKING_UP -> backUp(run);
      case ROLLING -> roll(run, view);
      case ROLLING_BACK -> rollBack(run, view);
      default -> Requeue.done();
    };
  }

  // --- the pre-upgrade backup ---------------------------------------------------------------

  private Requeue backUp(UpgradeRunEntity run) {
    Instant now = Instant.now();
    if (run.backupFailure != null) {
      finish(run, State.FAILED, "the pre-upgrade backup failed: " + run.backupFailure);
      return Requeue.done();
    }
    if (run.backupId != null && (!run.backupVerifies || Boolean.TRUE.equals(run.backupVerified))) {
      LOG.infof(
          "upgrade %s of %s: backup %s is stored%s; upgrading %s",
          run.id, run.cluster, run.backupId, run.backupVerifies ? " and verified" : "", run.plan);
      change(
          run,
          r -> r.state = State.ROLLING,
          r ->
              outbox.append(
                  Domain.UPGRADE,
                  new UpgradeBackedUp(r.id, r.cluster, r.backupId, r.backupVerifies),
                  op(r)));
      return again();
    }
    if (now.isAfter(run.createdAt.plus(config.backupTimeout()))) {
      finish(
          run,
          State.FAILED,
          "no pre-upgrade backup within "
              + config.backupTimeout().toMinutes()
              + " min"
              + (run.backupId != null ? " (backup " + run.backupId + " is not verified yet)" : ""));
      return Requeue.done();
    }
    if (run.rejection != null) {
      if (!passing(run.rejection)) {
        finish(
            run, State.FAILED, "backup-service refused the pre-upgrade backup: " + run.rejection);
        return Requeue.done();
      }
      if (run.retryAt == null) {
        change(run, r -> r.retryAt = now.plus(config.retryInterval()), none());
        return Requeue.after(config.retryInterval());
      }
      if (now.isBefore(run.retryAt)) {
        return Requeue.after(Duration.between(now, run.retryAt));
      }
    }
    if (run.commandId == null || run.rejection != null) {
      LOG.infof("upgrade %s of %s: taking the pre-upgrade backup", run.id, run.cluster);
      change(
          run,
          r -> {
            r.rejection = null;
            r.retryAt = null;
          },
          r ->
              outbox
                  .appendWithId(
                      Domain.BACKUP,
                      new CreateBackup(r.cluster, null, BackupTrigger.PRE_UPGRADE),
                      op(r))
                  .invoke(commandId -> r.commandId = commandId)
                  .replaceWithVoid());
    }
    return Requeue.after(config.retryInterval());
  }

  // --- rolling forward ------------------------------------------------------------------------

  private Requeue roll(UpgradeRunEntity run, ClusterViewEntity view) {
    List<String> plan = run.planList();
    if (run.stage == null && run.abortRequested) {
      abort(run);
      return again();
    }
    if (run.position >= plan.size()) {
      complete(run, view);
      return Requeue.done();
    }
    String member = plan.get(run.position);
    if (run.stage == null) {
      return next(run, view, member, run.toVersion);
    }
    return switch (run.stage) {
      case TRANSFER -> transferring(run, view, member);
      case RESTART -> restarting(run, member, run.toVersion);
      case SETTLE -> settling(run, view, member);
    };
  }

  /** Between members: the cluster whole, move leadership off the member or restart it. */
  private Requeue next(UpgradeRunEntity run, ClusterViewEntity view, String member, String to) {
    Instant now = Instant.now();
    if (run.state == State.ROLLING && run.paused) {
      if (!run.pauseReported) {
        LOG.infof("upgrade %s of %s: paused before %s", run.id, run.cluster, member);
        change(
            run,
            r -> r.pauseReported = true,
            r ->
                outbox.append(
                    Domain.UPGRADE,
                    new UpgradePaused(
                        r.id, r.cluster, r.position, r.planList().size(), r.currentMember()),
                    op(r)));
      }
      return Requeue.done(); // ResumeUpgrade wakes it
    }
    if (run.retryAt != null && now.isBefore(run.retryAt)) {
      return Requeue.after(Duration.between(now, run.retryAt));
    }
    boolean failedMember = member.equals(run.failedMember);
    if (!"READY".equals(view.phase) && !failedMember) {
      LOG.debugf("upgrade %s: cluster %s is %s; waiting", run.id, run.cluster, view.phase);
      return Requeue.after(config.retryInterval());
    }
    List<ClusterViewEntity.Member> members = view.memberList();
    if (member.equals(view.leader) && members.size() > 1 && !failedMember) {
      if (run.transferAttempts >= config.transferAttempts()) {
        fail(
            run,
            member,
            "leadership could not be moved off " + member + ": " + run.transferFailure);
        return again();
      }
      String heir = heir(run, members, member);
      LOG.infof(
          "upgrade %s of %s: moving leadership from %s to %s before upgrading it",
          run.id, run.cluster, member, heir);
      change(
          run,
          r -> {
            r.stage = Stage.TRANSFER;
            r.stageAt = now;
            r.transferTo = heir;
            r.transferAttempts++;
            r.leaderMovedTo = null;
            r.transferFailure = null;
            r.rejection = null;
            r.retryAt = null;
          },
          r ->
              outbox
                  .appendWithId(Domain.CLUSTER, new TransferLeadership(r.cluster, heir), op(r))
                  .invoke(commandId -> r.commandId = commandId)
                  .replaceWithVoid());
      return Requeue.after(config.retryInterval());
    }
    LOG.infof("upgrade %s of %s: restarting %s on etcd %s", run.id, run.cluster, member, to);
    change(
        run,
        r -> {
          r.stage = Stage.RESTART;
          r.stageAt = now;
          if (r.memberStartedAt == null) {
            r.memberStartedAt = now;
          }
          r.restarted = null;
          r.memberExits = 0;
          r.rejection = null;
          r.retryAt = null;
        },
        r ->
            outbox
                .appendWithId(Domain.CLUSTER, new RestartMember(r.cluster, member, to), op(r))
                .invoke(commandId -> r.commandId = commandId)
                .replaceWithVoid());
    return Requeue.after(config.retryInterval());
  }

  /** The member to hand leadership to: one already upgraded, else the next in the plan. */
  private static String heir(
      UpgradeRunEntity run, List<ClusterViewEntity.Member> members, String leader) {
    List<String> candidates = new ArrayList<>(run.upgraded());
    Collections.reverse(candidates);
    candidates.addAll(run.planList().subList(run.position, run.planList().size()));
    return candidates.stream()
        .filter(c -> !c.equals(leader))
        .filter(
            c -> members.stream().anyMatch(m -> m.name().equals(c) && !"unknown".equals(m.role())))
        .findFirst()
        .orElse(
            members.stream()
                .map(ClusterViewEntity.Member::name)
                .filter(n -> !n.equals(leader))
                .findFirst()
                .orElseThrow());
  }

  private Requeue transferring(UpgradeRunEntity run, ClusterViewEntity view, String member) {
    boolean moved =
        run.transferTo.equals(run.leaderMovedTo)
            || (view.leader != null && !view.leader.equals(member));
    if (moved) {
      change(run, r -> r.stage = null, none());
      return again();
    }
    if (run.transferFailure != null || run.rejection != null) {
      String why = run.transferFailure != null ? run.transferFailure : run.rejection;
      LOG.warnf("upgrade %s of %s: leadership did not move: %s", run.id, run.cluster, why);
      change(
          run,
          r -> {
            r.stage = null;
            r.transferFailure = why;
            r.retryAt = Instant.now().plus(config.retryInterval());
          },
          none());
      return Requeue.after(config.retryInterval());
    }
    return Requeue.after(config.retryInterval());
  }

  /** cluster-service restarts {@code member} on {@code to}. */
  private Requeue restarting(UpgradeRunEntity run, String member, String to) {
    Instant now = Instant.now();
    if ((member + "@" + to).equals(run.restarted)) {
      LOG.infof(
          "upgrade %s of %s: %s answers on etcd %s; settling for %d s",
          run.id, run.cluster, member, to, config.settle().toSeconds());
      change(
          run,
          r -> {
            r.stage = Stage.SETTLE;
            r.stageAt = now;
          },
          none());
      return Requeue.after(config.settle());
    }
    if (run.rejection != null) {
      if (passing(run.rejection)) {
        LOG.infof(
            "upgrade %s of %s: the restart of %s waits: %s",
            run.id, run.cluster, member, run.rejection);
        change(
            run,
            r -> {
              r.stage = null;
              r.retryAt = now.plus(config.retryInterval());
            },
            none());
        return Requeue.after(config.retryInterval());
      }
      String why = "cluster-service refused to restart " + member + ": " + run.rejection;
      if (run.state == State.ROLLING_BACK) {
        finish(run, State.FAILED, why);
      } else {
        // It was not touched: nothing of it to roll back; the members before it are.
        abortAfterRefusal(run, why);
      }
      return again();
    }
    if (run.state == State.ROLLING && run.memberExits >= config.memberExitLimit()) {
      fail(run, member, member + " exited " + run.memberExits + " times on etcd " + to);
      return again();
    }
    Duration elapsed = Duration.between(run.memberStartedAt, now);
    if (elapsed.compareTo(config.memberTimeout()) > 0) {
      timedOut(run, member, to, "did not answer on etcd " + to + " and catch up");
      return again();
    }
    return Requeue.after(min(config.retryInterval(), config.memberTimeout().minus(elapsed)));
  }

  /** The member answers on its release: the cluster has to stay whole for the settle time. */
  private Requeue settling(UpgradeRunEntity run, ClusterViewEntity view, String member) {
    Instant now = Instant.now();
    Instant since =
        "READY".equals(view.phase) && view.readySince != null
            ? later(view.readySince, run.stageAt)
            : null;
    if (since != null && !now.isBefore(since.plus(config.settle()))) {
      long millis = Duration.between(run.memberStartedAt, now).toMillis();
      if (run.state == State.ROLLING_BACK) {
        LOG.infof(
            "upgrade %s of %s: %s is back on etcd %s",
            run.id, run.cluster, member, run.fromVersion);
        change(
            run,
            r -> {
              List<String> left = new ArrayList<>(r.rollbackList());
              left.remove(member);
              r.rollback = String.join(",", left);
              r.rolledBack = join(r.rolledBackList(), member);
              r.stage = null;
              r.memberStartedAt = null;
            },
            none());
        return again();
      }
      LOG.infof(
          "upgrade %s of %s: %s runs etcd %s (%d of %d, %d ms)",
          run.id,
          run.cluster,
          member,
          run.toVersion,
          run.position + 1,
          run.planList().size(),
          millis);
      String node =
          view.memberList().stream()
              .filter(m -> m.name().equals(member))
              .map(ClusterViewEntity.Member::node)
              .findFirst()
              .orElse(null);
      change(
          run,
          r -> {
            r.addTiming(member, millis);
            r.position++;
            r.stage = null;
            r.memberStartedAt = null;
            r.transferAttempts = 0;
            r.transferFailure = null;
          },
          r ->
              outbox.append(
                  Domain.UPGRADE,
                  new MemberUpgraded(
                      r.id,
                      r.cluster,
                      member,
                      node,
                      r.fromVersion,
                      r.toVersion,
                      r.position,
                      r.planList().size(),
                      millis),
                  op(r)));
      return again();
    }
    Duration elapsed = Duration.between(run.memberStartedAt, now);
    if (elapsed.compareTo(config.memberTimeout().plus(config.settle())) > 0) {
      timedOut(
          run,
          member,
          run.state == State.ROLLING_BACK ? run.fromVersion : run.toVersion,
          "answered, but the cluster did not stay whole for " + config.settle().toSeconds() + " s");
      return again();
    }
    return Requeue.after(
        since == null
            ? config.retryInterval()
            : Duration.between(now, since.plus(config.settle())));
  }

  private void timedOut(UpgradeRunEntity run, String member, String to, String what) {
    String why = member + " " + what + " within " + config.memberTimeout().toSeconds() + " s";
    if (run.state == State.ROLLING_BACK) {
      finish(
          run,
          State.FAILED,
          (run.failure != null ? run.failure + "; " : "")
              + "its rollback did not finish either: "
              + why
              + " (cluster-service goes on restarting it)");
    } else {
      fail(run, member, why);
    }
  }

  /** A member failed on the new release: it is restarted on the old one, then the run fails. */
  private void fail(UpgradeRunEntity run, String member, String why) {
    LOG.warnf(
        "upgrade %s of %s: %s; rolling %s back to %s",
        run.id, run.cluster, why, member, run.fromVersion);
    change(
        run,
        r -> {
          r.state = State.ROLLING_BACK;
          r.failure = why;
          r.failedMember = member;
          r.rollback = member;
          r.stage = null;
          r.memberStartedAt = null;
          r.retryAt = null;
          r.rejection = null;
        },
        none());
  }

  /** A step was refused for good before the member was touched: the run stops as failed. */
  private void abortAfterRefusal(UpgradeRunEntity run, String why) {
    boolean back =
        UpgradePath.withinMinor(run.fromVersion, run.toVersion)
            || run.position < run.planList().size();
    List<String> upgraded = new ArrayList<>(run.upgraded());
    Collections.reverse(upgraded);
    if (upgraded.isEmpty() || !back) {
      finish(run, State.FAILED, why);
      return;
    }
    change(
        run,
        r -> {
          r.state = State.ROLLING_BACK;
          r.failure = why;
          r.rollback = String.join(",", upgraded);
          r.stage = null;
          r.memberStartedAt = null;
          r.rejection = null;
        },
        none());
  }

  /** Abort between members: roll the upgraded ones back when etcd allows it. */
  private void abort(UpgradeRunEntity run) {
    List<String> upgraded = new ArrayList<>(run.upgraded());
    Collections.reverse(upgraded);
    boolean allowed =
        UpgradePath.rollbackAllowed(
            run.fromVersion, run.toVersion, run.position >= run.planList().size());
    if (upgraded.isEmpty() || !allowed) {
      String reason =
          upgraded.isEmpty()
              ? null
              : "every member runs " + run.toVersion + ": etcd cannot go back to the old minor";
      finish(run, State.ABORTED, reason);
      return;
    }
    LOG.infof("upgrade %s of %s: aborted; rolling back %s", run.id, run.cluster, upgraded);
    change(
        run,
        r -> {
          r.state = State.ROLLING_BACK;
          r.rollback = String.join(",", upgraded);
          r.stage = null;
          r.memberStartedAt = null;
        },
        none());
  }

  // --- rolling back ---------------------------------------------------------------------------

  private Requeue rollBack(UpgradeRunEntity run, ClusterViewEntity view) {
    List<String> left = run.rollbackList();
    if (left.isEmpty()) {
      finish(run, run.failure != null ? State.FAILED : State.ABORTED, run.failure);
      return Requeue.done();
    }
    String member = left.get(0);
    if (run.stage == null) {
      return next(run, view, member, run.fromVersion);
    }
    return switch (run.stage) {
      case TRANSFER -> transferring(run, view, member);
      case RESTART -> restarting(run, member, run.fromVersion);
      case SETTLE -> settling(run, view, member);
    };
  }

  // --- the end --------------------------------------------------------------------------------

  private void complete(UpgradeRunEntity run, ClusterViewEntity view) {
    Instant now = Instant.now();
    long millis = Duration.between(run.createdAt, now).toMillis();
    LOG.infof(
        "upgrade %s of %s: every member runs etcd %s after %d ms (degraded %d ms)",
        run.id, run.cluster, run.toVersion, millis, run.degradedMillis);
    change(
        run,
        r -> {
          r.state = State.COMPLETED;
          r.finishedAt = now;
          r.outcome = "every member runs " + r.toVersion;
        },
        r ->
            outbox.append(
                Domain.UPGRADE,
                new UpgradeCompleted(
                    r.id,
                    r.cluster,
                    r.fromVersion,
                    r.toVersion,
                    millis,
                    r.timingList(),
                    r.degradedMillis,
                    r.backupId),
                op(r)));
  }

  private void finish(UpgradeRunEntity run, State state, String reason) {
    Instant now = Instant.now();
    ClusterViewEntity view =
        Transactions.await(() -> ClusterViewEntity.<ClusterViewEntity>findById(run.cluster));
    String clusterVersion = view == null ? null : view.version;
    if (state == State.FAILED) {
      LOG.warnf("upgrade %s of %s failed: %s", run.id, run.cluster, reason);
    } else {
      LOG.infof(
          "upgrade %s of %s aborted%s", run.id, run.cluster, reason == null ? "" : ": " + reason);
    }
    change(
        run,
        r -> {
          r.state = state;
          r.finishedAt = now;
          r.outcome = reason;
          r.stage = null;
        },
        r -> {
          if (state == State.FAILED) {
            return outbox.append(
                Domain.UPGRADE,
                new UpgradeFailed(
                    r.id,
                    r.cluster,
                    r.fromVersion,
                    r.toVersion,
                    r.failedMember,
                    reason,
                    r.logTail == null ? List.of() : Arrays.asList(r.logTail.split("\n")),
                    r.rolledBackList(),
                    r.degradedMillis,
                    clusterVersion),
                op(r));
          }
          List<String> kept = new ArrayList<>(r.upgraded());
          kept.removeAll(r.rolledBackList());
          return outbox.append(
              Domain.UPGRADE,
              new UpgradeAborted(r.id, r.cluster, r.rolledBackList(), kept, reason, clusterVersion),
              op(r));
        });
  }

  // --- plumbing -------------------------------------------------------------------------------

  /** A refusal that passes by itself: the cluster is busy with something else for now. */
  private static boolean passing(String rejection) {
    return rejection.startsWith("CONFLICT");
  }

  private static Operation op(UpgradeRunEntity run) {
    return new Operation(run.id, null);
  }

  private static Function<UpgradeRunEntity, Uni<Void>> none() {
    return r -> Uni.createFrom().voidItem();
  }

  /**
   * Applies {@code change} to the run and appends {@code effects}, in one transaction, if the run
   * is still as this pass saw it; the pass's copy is not used again.
   */
  private void change(
      UpgradeRunEntity seen,
      Consumer<UpgradeRunEntity> change,
      Function<UpgradeRunEntity, Uni<Void>> effects) {
    boolean made =
        Transactions.await(
            () ->
                UpgradeRunEntity.<UpgradeRunEntity>findById(seen.id)
                    .flatMap(
                        current -> {
                          if (current == null || current.rowVersion != seen.rowVersion) {
                            return Uni.createFrom().item(false);
                          }
                          change.accept(current);
                          current.updatedAt = Instant.now();
                          return effects.apply(current).replaceWith(true);
                        }));
    if (made) {
      outbox.wake();
    }
  }

  private static String join(List<String> list, String more) {
    List<String> all = new ArrayList<>(list);
    all.add(more);
    return String.join(",", all);
  }

  private static Instant later(Instant a, Instant b) {
    return b == null || a.isAfter(b) ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /** At once: the step made leads to the next. */
  private static Requeue again() {
    return Requeue.after(Duration.ZERO);
  }
}

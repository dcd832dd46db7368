package io.orogen.upgrade.persistence;

import io.orogen.events.upgrade.MemberTiming;
import io.orogen.events.upgrade.UpgradeTrigger;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One upgrade run: its plan, where it stands, what its answers said, and how it ended. */
@Entity
@Table(name = "upgrade_run")
public class UpgradeRunEntity extends PanacheEntityBase {

  /** Where a run stands. */
  public enum State {
    BACKING_UP,
    ROLLING,
    ROLLING_BACK,
    COMPLETED,
    FAILED,
    ABORTED;

    public boolean active() {
      return this == BACKING_UP || this == ROLLING || this == ROLLING_BACK;
    }
  }

  /** Where the current member stands. */
  public enum Stage {
    /** Leadership is being moved off it. */
    TRANSFER,
    /** cluster-service restarts it on the release. */
    RESTART,
    /** It answers on the release; the cluster has to stay whole for the settle time. */
    SETTLE
  }

  public static final List<State> ACTIVE =
      List.of(State.BACKING_UP, State.ROLLING, State.ROLLING_BACK);

  @Id public String id;

  public String cluster;

  @Column(name = "from_version")
  public String fromVersion;

  @Column(name = "to_version")
  public String toVersion;

  @Enumerated(EnumType.STRING)
  public UpgradeTrigger trigger;

  @Column(name = "skip_backup")
  public boolean skipBackup;

  @Enumerated(EnumType.STRING)
  public State state;

  public boolean paused;

  @Column(name = "pause_reported")
  public boolean pauseReported;

  @Column(name = "abort_requested")
  public boolean abortRequested;

  public String plan;

  /** The member that led when the run was planned. */
  public String leader;

  public int position;

  @Enumerated(EnumType.STRING)
  public Stage stage;

  @Column(name = "stage_at")
  public Instant stageAt;

  @Column(name = "transfer_to")
  public String transferTo;

  @Column(name = "transfer_attempts")
  public int transferAttempts;

  @Column(name = "member_started_at")
  public Instant memberStartedAt;

  @Column(name = "command_id")
  public String commandId;

  /** {@code CODE message} of the last command's rejection. */
  public String rejection;

  @Column(name = "retry_at")
  public Instant retryAt;

  /** {@code member@version} of the last {@code MemberRestarted} of the run's cluster. */
  public String restarted;

  @Column(name = "leader_moved_to")
  public String leaderMovedTo;

  @Column(name = "transfer_failure")
  public String transferFailure;

  @Column(name = "backup_id")
  public String backupId;

  @Column(name = "backup_verifies")
  public Boolean backupVerifies;

  @Column(name = "backup_verified")
  public Boolean backupVerified;

  @Column(name = "backup_failure")
  public String backupFailure;

  /** Members still to roll back, comma-separated, or null. */
  public String rollback;

  @Column(name = "rolled_back")
  public String rolledBack;

  /** Why the run fails, once its rollback is done. */
  public String failure;

  @Column(name = "failed_member")
  public String failedMember;

  @Column(name = "log_tail")
  public String logTail;

  /** How often the member being restarted exited by itself since its restart was asked for. */
  @Column(name = "member_exits")
  public int memberExits;

  @Column(name = "degraded_millis")
  public long degradedMillis;

  public String timings;

  @Column(name = "estimated_millis")
  public long estimatedMillis;

  /** Why it ended as it did, for people. */
  public String outcome;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;

  public static Uni<UpgradeRunEntity> active(String cluster) {
    return UpgradeRunEntity.<UpgradeRunEntity>find("cluster = ?1 and state in ?2", cluster, ACTIVE)
        .firstResult();
  }

  public List<String> planList() {
    return split(plan);
  }

  public List<String> rollbackList() {
    return split(rollback);
  }

  public List<String> rolledBackList() {
    return split(rolledBack);
  }

  /** The members upgraded so far, in order. */
  public List<String> upgraded() {
    return planList().subList(0, Math.min(position, planList().size()));
  }

  /** The member the run works on now: the one rolled back, or the next of the plan. */
  public String currentMember() {
    if (state == State.ROLLING_BACK) {
      List<String> left = rollbackList();
      return left.isEmpty() ? null : left.get(0);
    }
    List<String> members = planList();
    return position < members.size() ? members.get(position) : null;
  }

  public List<MemberTiming> timingList() {
    List<MemberTiming> list = new ArrayList<>();
    for (String entry : split(timings)) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        list.add(new MemberTiming(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1))));
      }
    }
    return list;
  }

  public void addTiming(String member, long millis) {
    timings = (timings == null || timings.isEmpty() ? "" : timings + ",") + member + "=" + millis;
  }

  public static List<String> split(String text) {
    return text == null || text.isBlank()
        ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}

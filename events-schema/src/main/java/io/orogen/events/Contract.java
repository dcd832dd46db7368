package io.orogen.events;

import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupCorrupt;
import io.orogen.events.backup.BackupDeleted;
import io.orogen.events.backup.BackupFailed;
import io.orogen.events.backup.BackupPolicySet;
import io.orogen.events.backup.BackupStarted;
import io.orogen.events.backup.BackupVerified;
import io.orogen.events.backup.ClusterRestored;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.events.backup.QuorumRecoveryStarted;
import io.orogen.events.backup.RecoverQuorum;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.RestoreFailed;
import io.orogen.events.backup.RestoreInPlace;
import io.orogen.events.backup.RestoreStarted;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.events.backup.VerifyBackup;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.cluster.LeaderMoved;
import io.orogen.events.cluster.LeaderTransferFailed;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.events.cluster.MemberRestarted;
import io.orogen.events.cluster.MembersRestored;
import io.orogen.events.cluster.RestartMember;
import io.orogen.events.cluster.RestoreMembers;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.cluster.TransferLeadership;
import io.orogen.events.node.MemberDataRemoved;
import io.orogen.events.node.MemberProcessExited;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.events.node.NodeHeartbeat;
import io.orogen.events.node.NodeRegistered;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.events.upgrade.AbortUpgrade;
import io.orogen.events.upgrade.MemberUpgraded;
import io.orogen.events.upgrade.PauseUpgrade;
import io.orogen.events.upgrade.ResumeUpgrade;
import io.orogen.events.upgrade.SetUpdatePolicy;
import io.orogen.events.upgrade.UpdateAvailable;
import io.orogen.events.upgrade.UpdatePolicySet;
import io.orogen.events.upgrade.UpgradeAborted;
import io.orogen.events.upgrade.UpgradeBackedUp;
import io.orogen.events.upgrade.UpgradeCluster;
import io.orogen.events.upgrade.UpgradeCompleted;
import io.orogen.events.upgrade.UpgradeFailed;
import io.orogen.events.upgrade.UpgradePaused;
import io.orogen.events.upgrade.UpgradePlanned;
import io.orogen.events.upgrade.UpgradeRefused;
import io.orogen.events.upgrade.UpgradeResumed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every payload of the contract with its domain and topic: the one list the codec, the JSON Schemas
 * and the AsyncAPI document are made from.
 */
public final class Contract {

  /** Whether a payload is a command or an event. */
  public enum Kind {
    COMMAND,
    EVENT
  }

  /**
   * One payload type on one topic.
   *
   * @param domain the domain whose topic carries it
   * @param kind command or event
   * @param payload the record class
   */
  public record Entry(Domain domain, Kind kind, Class<? extends Payload> payload) {

    /** The name in the CloudEvents type, for example {@code CreateCluster}. */
    public String name() {
      String name = annotation().name();
      return name.isEmpty() ? payload.getSimpleName() : name;
    }

    public int version() {
      return annotation().version();
    }

    public String description() {
      return annotation().description();
    }

    /** The CloudEvents type, for example {@code io.orogen.cluster.CreateCluster.v1}. */
    public String ceType() {
      return "io.orogen." + domain.id() + "." + name() + ".v" + version();
    }

    /** The topic that carries it. */
    public String topic() {
      return kind == Kind.COMMAND ? domain.commandsTopic() : domain.eventsTopic();
    }

    private ContractType annotation() {
      ContractType type = payload.getAnnotation(ContractType.class);
      if (type == null) {
        throw new IllegalStateException(payload.getName() + " lacks @ContractType");
      }
      return type;
    }
  }

  private static final List<Entry> ENTRIES =
      List.of(
          command(Domain.CLUSTER, CreateCluster.class),
          command(Domain.CLUSTER, ScaleCluster.class),
          command(Domain.CLUSTER, DeleteCluster.class),
          command(Domain.CLUSTER, RestoreMembers.class),
          command(Domain.CLUSTER, TransferLeadership.class),
          command(Domain.CLUSTER, RestartMember.class),
          event(Domain.CLUSTER, ClusterAccepted.class),
          event(Domain.CLUSTER, ClusterReady.class),
          event(Domain.CLUSTER, ClusterDegraded.class),
          event(Domain.CLUSTER, MemberFailed.class),
          event(Domain.CLUSTER, MemberReplaced.class),
          event(Domain.CLUSTER, ClusterScaled.class),
          event(Domain.CLUSTER, ClusterDeleted.class),
          event(Domain.CLUSTER, MembersRestored.class),
          event(Domain.CLUSTER, LeaderMoved.class),
          event(Domain.CLUSTER, LeaderTransferFailed.class),
          event(Domain.CLUSTER, MemberRestarted.class),
          event(Domain.CLUSTER, CommandRejected.class),
          command(Domain.NODE, StartMember.class),
          command(Domain.NODE, StopMember.class),
          command(Domain.NODE, RemoveMemberData.class),
          event(Domain.NODE, NodeRegistered.class),
          event(Domain.NODE, NodeHeartbeat.class),
          event(Domain.NODE, MemberProcessStarted.class),
          event(Domain.NODE, MemberProcessExited.class),
          event(Domain.NODE, MemberDataRemoved.class),
          event(Domain.NODE, CommandRejected.class),
          command(Domain.BACKUP, CreateBackup.class),
          command(Domain.BACKUP, DeleteBackup.class),
          command(Domain.BACKUP, SetBackupPolicy.class),
          command(Domain.BACKUP, VerifyBackup.class),
          command(Domain.BACKUP, RestoreCluster.class),
          command(Domain.BACKUP, RestoreInPlace.class),
          command(Domain.BACKUP, RecoverQuorum.class),
          event(Domain.BACKUP, BackupStarted.class),
          event(Domain.BACKUP, BackupCompleted.class),
          event(Domain.BACKUP, BackupFailed.class),
          event(Domain.BACKUP, BackupVerified.class),
          event(Domain.BACKUP, BackupCorrupt.class),
          event(Domain.BACKUP, BackupDeleted.class),
          event(Domain.BACKUP, BackupPolicySet.class),
          event(Domain.BACKUP, RestoreStarted.class),
          event(Domain.BACKUP, ClusterRestored.class),
          event(Domain.BACKUP, RestoreFailed.class),
          event(Domain.BACKUP, QuorumRecoveryStarted.class),
          event(Domain.BACKUP, CommandRejected.class),
          command(Domain.UPGRADE, UpgradeCluster.class),
          command(Domain.UPGRADE, PauseUpgrade.class),
          command(Domain.UPGRADE, ResumeUpgrade.class),
          command(Domain.UPGRADE, AbortUpgrade.class),
          command(Domain.UPGRADE, SetUpdatePolicy.class),
          event(Domain.UPGRADE, UpgradePlanned.class),
          event(Domain.UPGRADE, UpgradeBackedUp.class),
          event(Domain.UPGRADE, MemberUpgraded.class),
          event(Domain.UPGRADE, UpgradeCompleted.class),
          event(Domain.UPGRADE, UpgradeFailed.class),
          event(Domain.UPGRADE, UpgradePaused.class),
          event(Domain.UPGRADE, UpgradeResumed.class),
          event(Domain.UPGRADE, UpgradeAborted.class),
          event(Domain.UPGRADE, UpgradeRefused.class),
          event(Domain.UPGRADE, UpdateAvailable.class),
          event(Domain.UPGRADE, UpdatePolicySet.class),
          event(Domain.UPGRADE, CommandRejected.class));

  private static final Map<String, Entry> BY_TYPE =
      ENTRIES.stream().collect(Collectors.toUnmodifiableMap(Entry::ceType, Function.identity()));

  private Contract() {}

  /** Every entry, commands and events of every domain. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** The entry of a CloudEvents type, if the contract has it. */
  public static Optional<Entry> byType(String ceType) {
    return Optional.ofNullable(BY_TYPE.get(ceType));
  }

  /** The entry of a payload class in a domain. */
  public static Entry of(Domain domain, Class<? extends Payload> payload) {
    return ENTRIES.stream()
        .filter(e -> e.domain() == domain && e.payload() == payload)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    payload.getSimpleName() + " is not in the " + domain.id() + " domain"));
  }

  /** The entry of a payload class that belongs to exactly one domain. */
  public static Entry of(Class<? extends Payload> payload) {
    List<Entry> matches = ENTRIES.stream().filter(e -> e.payload() == payload).toList();
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          payload.getSimpleName() + " is in " + matches.size() + " domains; name the domain");
    }
    return matches.get(0);
  }

  private static Entry command(Domain domain, Class<? extends Command> payload) {
    return new Entry(domain, Kind.COMMAND, payload);
  }

  private static Entry event(Domain domain, Class<? extends Event> payload) {
    return new Entry(domain, Kind.EVENT, payload);
  }
}

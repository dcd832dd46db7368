package io.orogen.cluster.persistence;

import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.events.cluster.MemberRole;
import io.orogen.events.node.InitialClusterState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One member of a managed cluster: where it is placed and what was last observed of it. */
@Entity
@Table(name = "member")
public class MemberEntity extends PanacheEntityBase {

  /** {@code cluster/name}. */
  @Id public String id;

  public String cluster;

  public String name;

  /** The number in the member's name: members are never renumbered, new ones count on. */
  public int ordinal;

  public String node;

  public String address;

  @Column(name = "peer_port")
  public int peerPort;

  @Column(name = "client_port")
  public int clientPort;

  @Enumerated(EnumType.STRING)
  public MemberState state;

  /** Its place in etcd's membership. */
  @Enumerated(EnumType.STRING)
  public Membership membership;

  /** Why it is being replaced, or null while it is not. */
  @Enumerated(EnumType.STRING)
  public MemberFailure failure;

  /** How often its process exited since {@link #failuresSince}: a crash loop is replaced. */
  public int failures;

  @Column(name = "failures_since")
  public Instant failuresSince;

  /** Its node said its last exit left it without usable data. */
  @Column(name = "data_lost")
  public boolean dataLost;

  /** When it is restarted in place after its last exit (its back-off), or null when not due. */
  @Column(name = "restart_at")
  public Instant restartAt;

  /** How often in a row its process exited without answering once in between. */
  @Column(name = "unanswered_exits")
  public int unansweredExits;

  /** The name of the failed member this one replaces, if any. */
  public String replaces;

  /** {@code NEW} for the founding members, {@code EXISTING} for members that join later. */
  @Enumerated(EnumType.STRING)
  @Column(name = "initial_state")
  public InitialClusterState initialState;

  /** etcd's member id in hex, once observed. */
  @Column(name = "member_id")
  public String memberId;

  /** Its role as last observed; null before the first look. */
  @Enumerated(EnumType.STRING)
  public MemberRole role;

  @Column(name = "raft_index")
  public Long raftIndex;

  @Column(name = "db_size")
  public Long dbSize;

  @Column(name = "running_version")
  public String runningVersion;

  /** The release it is to run: the cluster's, or another one while it is rolled to it. */
  public String version;

  /**
   * Where a restart on {@link #version} stands: {@code STOPPING} the member, then {@code STARTING}
   * it on the release; null when none runs.
   */
  @Column(name = "restart_stage")
  public String restartStage;

  /** The release it ran when the restart running was asked for. */
  @Column(name = "restart_from")
  public String restartFrom;

  @Column(name = "restart_asked_at")
  public Instant restartAskedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** Optimistic lock: a concurrent change makes the later transaction fail and retry. */
  @Version
  @Column(name = "row_version")
  public long rowVersion;

  /**
   * A new member {@code <cluster>-<ordinal>} of release {@code version}, PLANNED, at {@code
   * address} on {@code node}: a founding voter starts with {@code --initial-cluster-state=new}, a
   * joining member with {@code existing}.
   */
  public static MemberEntity planned(
      String cluster,
      String version,
      int ordinal,
      Membership membership,
      String node,
      String address,
      int peerPort,
      int clientPort) {
    MemberEntity member = new MemberEntity();
    member.ordinal = ordinal;
    member.name = cluster + "-" + ordinal;
    member.cluster = cluster;
    member.version = version;
    member.id = id(cluster, member.name);
    member.node = node;
    member.address = address;
    member.peerPort = peerPort;
    member.clientPort = clientPort;
    member.state = MemberState.PLANNED;
    member.membership = membership;
    member.initialState =
        membership == Membership.VOTER ? InitialClusterState.NEW : InitialClusterState.EXISTING;
    member.updatedAt = Instant.now();
    return member;
  }

  public static String id(String cluster, String name) {
    return cluster + "/" + name;
  }

  public String peerUrl() {
    return "http://" + address + ":" + peerPort;
  }

  public boolean inMembership() {
    return membership == Membership.LEARNER || membership == Membership.VOTER;
  }

  public String clientUrl() {
    return "http://" + address + ":" + clientPort;
  }
}

package io.orogen.cluster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** cluster-service settings ({@code orogen.cluster.*}). */
@ConfigMapping(prefix = "orogen.cluster")
public interface ClusterServiceConfig {

  /** A node without a heartbeat for this long is not ready for placement. */
  @WithDefault("15s")
  Duration nodeTimeout();

  /**
   * How soon a cluster is reconciled again after a pass (its members probed), when nothing else
   * asks for it sooner.
   */
  @WithDefault("1s")
  Duration reconcileInterval();

  /** How many clusters are reconciled at once. */
  @WithDefault("8")
  int reconcileWorkers();

  /** How often every cluster is asked for, in case an event that concerned it was missed. */
  @WithDefault("30s")
  Duration sweepInterval();

  /** How long one instance holds a cluster while reconciling it. */
  @WithDefault("15s")
  Duration leaseDuration();

  /** How long to wait for one member's status over jetcd. */
  @WithDefault("2s")
  Duration probeTimeout();

  /**
   * A member whose process exits this often within {@link #crashLoopWindow()} is reported as
   * crash-looping ({@code MemberFailed} CrashLooping). It is still restarted in place.
   */
  @WithDefault("3")
  int crashLoopExits();

  /** The window in which exits count together. */
  @WithDefault("5m")
  Duration crashLoopWindow();

  /**
   * From this many exits in a row without the member answering in between on, a restart in place
   * waits (the back-off). A member that answered since its last exit is restarted at once.
   */
  @WithDefault("3")
  int restartBackOffAfter();

  /** The first back-off; it doubles with each further exit. */
  @WithDefault("1s")
  Duration restartBackOffFirst();

  /** The longest back-off. */
  @WithDefault("1m")
  Duration restartBackOffMax();

  /**
   * How long a leadership transfer may take before it is given up ({@code LeaderTransferFailed}):
   * the member to lead must answer and catch up with the leader meanwhile.
   */
  @WithDefault("30s")
  Duration leaderTransferTimeout();

  /** How long to wait for one membership change (add, promote, remove, move leader). */
  @WithDefault("5s")
  Duration membershipTimeout();

  /** The kubernetes provider: members as Pods with a PVC each. */
  Kubernetes kubernetes();

  /** {@code orogen.cluster.kubernetes.*}. */
  interface Kubernetes {

    /** The namespace members run in; the provider is off while this is unset. */
    Optional<String> namespace();

    /** The etcd image; a member of release {@code x.y.z} runs tag {@code vx.y.z}. */
    @WithDefault("gcr.io/etcd-development/etcd")
    String image();

    /** The releases offered on Kubernetes (the image tags that exist). */
    @WithDefault("3.5.21,3.4.37")
    List<String> etcdVersions();

    /** Each member's volume size. */
    @WithDefault("1Gi")
    String storageSize();

    /** The storage class of members' volumes; the cluster's default when unset. */
    Optional<String> storageClass();
  }
}

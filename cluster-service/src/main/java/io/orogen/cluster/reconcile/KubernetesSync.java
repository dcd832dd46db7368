package io.orogen.cluster.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.kubernetes.KubernetesMembers;
import io.orogen.cluster.kubernetes.KubernetesMembers.PodState;
import io.orogen.cluster.model.MemberState;
import io.orogen.cluster.model.Membership;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.events.Domain;
import io.orogen.events.cluster.MemberFailed;
import io.orogen.events.cluster.MemberFailure;
import io.orogen.kit.command.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The kubernetes provider's step of a pass: makes the Pods and claims match the members' states and
 * moves the states on from what the API server shows, the way node events do for agents.
 *
 * <ul>
 *   <li>STARTING, RUNNING, EXITED: the claim and Pod exist (a deleted Pod is created again on its
 *       claim: a restart in place); a ready Pod makes a STARTING member RUNNING; a container the
 *       kubelet restarted {@code crash-loop-exits} times is reported as crash-looping (the kubelet
 *       goes on restarting it in place).
 *   <li>STOPPING: the Pod is deleted; once it is gone, STOPPED.
 *   <li>REMOVING: the claim is deleted; once it is gone, REMOVED.
 * </ul>
 */
@ApplicationScoped
class KubernetesSync {

  private static final Logger LOG = Logger.getLogger(KubernetesSync.class);
  private static final Set<MemberState> PLACED =
      Set.of(MemberState.STARTING, MemberState.RUNNING, MemberState.EXITED);

  private final KubernetesMembers kubernetes;
  private final Changes changes;
  private final ClusterServiceConfig config;

  KubernetesSync(KubernetesMembers kubernetes, Changes changes, ClusterServiceConfig config) {
    this.kubernetes = kubernetes;
    this.changes = changes;
    this.config = config;
  }

  void sync(ClusterView view) {
    String cluster = view.cluster().name;
    Map<String, PodState> pods = kubernetes.pods(cluster);
    Set<String> claims = kubernetes.claims(cluster);
    OwnerReference owner = null;
    for (MemberEntity member : view.members()) {
      PodState pod = pods.get(member.name);
      if (PLACED.contains(member.state) && member.membership != Membership.REMOVED) {
        if (pod == null) {
          if (owner == null) {
            owner = kubernetes.ensureCluster(view.cluster());
          }
          LOG.infof("cluster %s: creating the Pod of %s", cluster, member.name);
          kubernetes.ensureMember(
              view.cluster(), member, owner, ClusterReconciler.initialCluster(view));
        } else {
          observe(view, member, pod);
        }
      } else if (member.state == MemberState.STOPPING) {
        if (pod != null) {
          kubernetes.deletePod(member);
        } else {
          changes.member(member, m -> m.state = MemberState.STOPPED, Changes::none);
        }
      } else if (member.state == MemberState.REMOVING) {
        if (claims.contains(member.name)) {
          kubernetes.deleteClaim(member);
        } else {
          changes.member(member, m -> m.state = MemberState.REMOVED, Changes::none);
        }
      }
    }
  }

  private void observe(ClusterView view, MemberEntity member, PodState pod) {
    String node = pod.node() != null ? pod.node() : member.node;
    if (member.state == MemberState.STARTING && pod.ready()) {
      changes.member(
          member,
          m -> {
            m.state = MemberState.RUNNING;
            m.node = node;
          },
          Changes::none);
    } else if (!node.equals(member.node)) {
      changes.member(member, m -> m.node = node, Changes::none);
    }
    // The kubelet restarts a crashed container in place, with its own back-off; a crash loop is
    // reported once, not replaced (the data on the claim is intact).
    if (pod.restarts() >= config.crashLoopExits() && member.failures < config.crashLoopExits()) {
      String message =
          "the kubelet restarted the member's container "
              + pod.restarts()
              + " times; it keeps restarting it in place on its volume";
      LOG.warnf("cluster %s: member %s: %s", member.cluster, member.name, message);
      changes.member(
          member,
          m -> m.failures = pod.restarts(),
          () ->
              changes.send(
                  Domain.CLUSTER,
                  new MemberFailed(
                      member.cluster,
                      member.name,
                      member.node,
                      MemberFailure.CRASH_LOOPING,
                      message,
                      null,
                      pod.restarts(),
                      null),
                  Operation.start()));
    }
  }
}

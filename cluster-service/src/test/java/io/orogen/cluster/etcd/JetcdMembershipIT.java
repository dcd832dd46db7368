package io.orogen.cluster.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.Client;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdCluster;
import io.orogen.runtime.etcd.EtcdDistribution;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Membership changes against real etcd clusters of the oldest and the newest release Orogen can
 * run: leadership moves, a learner is added (twice: one effect), is not promoted before it caught
 * up, and members are removed (twice: one effect).
 */
class JetcdMembershipIT {

  final JetcdMembership membership = new JetcdMembership(Duration.ofSeconds(5));

  @ParameterizedTest
  @ValueSource(strings = {"oldest", "newest"})
  void changesTheMembershipOfARealCluster(String release) throws Exception {
    try (EtcdCluster cluster =
            EtcdCluster.start(
                EtcdDistribution.discover().resolve(release),
                3,
                WorkDirectory.newInstance("membership-" + release));
        Client client = Client.builder().endpoints(cluster.endpoints().split(",")).build()) {
      List<String> endpoints = Arrays.asList(cluster.endpoints().split(","));

      String leaderUrl = leaderUrl(client, endpoints);
      String follower = endpoints.stream().filter(u -> !u.equals(leaderUrl)).findFirst().get();
      String followerId = memberId(client, follower);
      membership.moveLeader(leaderUrl, followerId);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> leaderUrl(client, endpoints).equals(follower));

      String peerUrl = "http://127.0.0.1:" + FreePorts.take();
      // etcd adds members only once the leader has been connected to every voter for 5 s.
      EtcdMembership.Added added =
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptionsInstanceOf(EtcdMembership.MembershipException.class)
              .until(() -> membership.addLearner(endpoints, "m4", peerUrl), a -> true);
      assertThat(added.initialCluster()).hasSize(4).containsEntry("m4", peerUrl);
      assertThat(added.initialCluster().keySet()).contains("m1", "m2", "m3");
      assertThat(membership.addLearner(endpoints, "m4", peerUrl)).isEqualTo(added);
      assertThat(membership.find(endpoints, peerUrl)).contains(added.memberId());
      // Never started, so it has not caught up: etcd refuses to promote it yet.
      assertThat(membership.promote(endpoints, added.memberId())).isFalse();

      membership.remove(endpoints, added.memberId());
      membership.remove(endpoints, added.memberId());
      assertThat(membership.find(endpoints, peerUrl)).isEmpty();
      assertThat(client.getClusterClient().listMember().get(5, TimeUnit.SECONDS).getMembers())
          .hasSize(3);
    }
  }

  private static String leaderUrl(Client client, List<String> endpoints) throws Exception {
    for (String url : endpoints) {
      var status = client.getMaintenanceClient().statusMember(url).get(5, TimeUnit.SECONDS);
      if (status.getLeader() == status.getHeader().getMemberId()) {
        return url;
      }
    }
    throw new AssertionError("no leader");
  }

  private static String memberId(Client client, String url) throws Exception {
    return Long.toHexString(
        client
            .getMaintenanceClient()
            .statusMember(url)
            .get(5, TimeUnit.SECONDS)
            .getHeader()
            .getMemberId());
  }
}

package io.orogen.runtime.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.orogen.runtime.ServerProcess;
import io.orogen.runtime.WorkDirectory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real three-member etcd clusters of the oldest and the newest release on this machine. */
class EtcdClusterIT {

  static Stream<String> releases() {
    EtcdDistribution distribution = EtcdDistribution.discover();
    assertThat(distribution.oldest().version())
        .as("at least two different etcd releases")
        .isNotEqualTo(distribution.newest().version());
    return Stream.of("oldest", "newest");
  }

  @ParameterizedTest
  @MethodSource("releases")
  void threeMembersServeWritesAndStopCleanly(String release) throws Exception {
    EtcdInstall install = EtcdDistribution.discover().resolve(release);
    List<ServerProcess> processes;
    try (EtcdCluster cluster = EtcdCluster.start(install, 3, WorkDirectory.newInstance("etcd"))) {
      processes = cluster.processes();
      assertThat(cluster.members()).allSatisfy(m -> assertThat(cluster.isHealthy(m)).isTrue());

      ByteSequence key = bytes("orogen/test");
      try (Client client = Client.builder().endpoints(cluster.endpoints().split(",")).build()) {
        assertThat(client.getClusterClient().listMember().get(10, TimeUnit.SECONDS).getMembers())
            .hasSize(3);
        client.getKVClient().put(key, bytes(release)).get(10, TimeUnit.SECONDS);
      }
      // Every member serves the write (a linearizable read goes through the leader).
      for (EtcdCluster.Member member : cluster.members()) {
        try (Client client = Client.builder().endpoints(member.clientUrl()).build()) {
          var value = client.getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs();
          assertThat(value)
              .singleElement()
              .satisfies(kv -> assertThat(kv.getValue()).isEqualTo(bytes(release)));
          assertThat(
                  client
                      .getMaintenanceClient()
                      .statusMember(member.clientUrl())
                      .get(10, TimeUnit.SECONDS)
                      .getVersion())
              .isEqualTo(install.version().toString());
        }
      }
    }
    assertThat(processes).noneMatch(ServerProcess::isAlive);
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}

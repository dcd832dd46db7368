package io.orogen.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.node.InitialClusterState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdCommandLineTest {

  static final MemberSpec SPEC =
      new MemberSpec(
          "orders",
          "orders-2",
          "3.5.16",
          "orders-7f3a",
          Map.of(
              "orders-2", "http://10.0.0.2:20000",
              "orders-1", "http://10.0.0.1:20000"),
          InitialClusterState.NEW,
          20000,
          20001,
          MemberSpec.Desired.RUNNING);

  @Test
  void restoresASnapshotAsTheMemberWillRun() {
    assertThat(
            EtcdCommandLine.restore(
                Path.of("/opt/etcdutl"),
                SPEC,
                Path.of("/data/s.db"),
                Path.of("/data/m"),
                "10.0.0.2"))
        .containsExactly(
            "/opt/etcdutl",
            "snapshot",
            "restore",
            "/data/s.db",
            "--name=orders-2",
            "--data-dir=/data/m",
            "--initial-cluster=orders-1=http://10.0.0.1:20000,orders-2=http://10.0.0.2:20000",
            "--initial-cluster-token=orders-7f3a",
            "--initial-advertise-peer-urls=http://10.0.0.2:20000");
  }

  @Test
  void runsTheSpecOnTheNodeAddress() {
    MemberSpec spec =
        new MemberSpec(
            SPEC.cluster(),
            SPEC.member(),
            SPEC.version(),
            SPEC.clusterToken(),
            SPEC.initialCluster(),
            InitialClusterState.EXISTING,
            SPEC.peerPort(),
            SPEC.clientPort(),
            MemberSpec.Desired.RUNNING);

    assertThat(EtcdCommandLine.of(Path.of("/opt/etcd"), spec, Path.of("/data/m"), "10.0.0.2"))
        .containsExactly(
            "/opt/etcd",
            "--name=orders-2",
            "--data-dir=/data/m",
            "--listen-client-urls=http://10.0.0.2:20001",
            "--advertise-client-urls=http://10.0.0.2:20001",
            "--listen-peer-urls=http://10.0.0.2:20000",
            "--initial-advertise-peer-urls=http://10.0.0.2:20000",
            "--initial-cluster=orders-1=http://10.0.0.1:20000,orders-2=http://10.0.0.2:20000",
            "--initial-cluster-token=orders-7f3a",
            "--initial-cluster-state=existing",
            "--logger=zap");
  }
}

package io.orogen.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.orogen.agent.model.MemberSpec;
import io.orogen.events.RejectionCode;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.InitialClusterState;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.kit.command.CommandRefusedException;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdDistribution;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor with real etcd processes: a member outlives the agent that started it, is
 * re-adopted by the next one, restarts in place on its data, and stops and goes away on request.
 */
class MemberSupervisorIT {

  static final int FIRST_PORT = 21000;
  static final String CLIENT_URL = "http://127.0.0.1:" + (FIRST_PORT + 1);

  /** Everything the supervisor reported. */
  static final class Recorded implements MemberEvents {
    record Started(MemberSpec spec, long pid, boolean adopted) {}

    record Exited(
        MemberSpec spec, Integer exitCode, boolean requested, List<String> log, boolean dataLost) {}

    final List<Started> started = new CopyOnWriteArrayList<>();
    final List<Exited> exited = new CopyOnWriteArrayList<>();
    final List<String> removed = new CopyOnWriteArrayList<>();

    @Override
    public void started(MemberSpec spec, long pid, boolean adopted, CloudEvent<?> cause) {
      started.add(new Started(spec, pid, adopted));
    }

    @Override
    public void exited(
        MemberSpec spec,
        Integer exitCode,
        boolean requested,
        List<String> log,
        boolean dataLost,
        CloudEvent<?> c) {
      exited.add(new Exited(spec, exitCode, requested, log, dataLost));
    }

    @Override
    public void dataRemoved(String cluster, String member, CloudEvent<?> cause) {
      removed.add(cluster + "/" + member);
    }
  }

  final EtcdDistribution etcd = EtcdDistribution.discover();
  final Path dataRoot = WorkDirectory.newInstance("agent");
  final TestAgentConfig config = new TestAgentConfig("node-1", dataRoot, etcd.root(), FIRST_PORT);
  final HttpClient http = HttpClient.newHttpClient();
  Long pidToKill;

  @AfterEach
  void killLeftovers() {
    if (pidToKill != null) {
      ProcessHandle.of(pidToKill).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void memberOutlivesItsAgentIsAdoptedRestartsInPlaceAndIsRemoved() throws Exception {
    String version = etcd.newest().version().toString();
    StartMember start = start(version);

    Recorded firstEvents = new Recorded();
    MemberSupervisor first = new MemberSupervisor(config, new EtcdReleases(config), firstEvents);
    first.start(start, null);
    long pid = firstEvents.started.get(0).pid();
    pidToKill = pid;
    awaitHealthy();
    put("orogen/key", "kept");

    // The same command again (a redelivery) changes nothing and is answered again.
    first.start(start, null);
    assertThat(firstEvents.started).extracting(Recorded.Started::pid).containsExactly(pid, pid);
    assertThat(ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse(""))
        .as("the recorded pid is etcd itself, not a wrapper")
        .contains("etcd", "--name=solo-1");

    // Other settings while it runs are refused; so is a release the node lacks.
    assertThatThrownBy(() -> first.start(withPorts(start, FIRST_PORT + 5, FIRST_PORT + 6), null))
        .isInstanceOfSatisfying(
            CommandRefusedException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCode.CONFLICT));
    assertThatThrownBy(() -> first.start(withVersion(start, "9.9.9"), null))
        .isInstanceOfSatisfying(
            CommandRefusedException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCode.UNKNOWN_VERSION));

    // The agent goes away without stopping anything; the next one adopts the member.
    Recorded secondEvents = new Recorded();
    MemberSupervisor second = new MemberSupervisor(config, new EtcdReleases(config), secondEvents);
    second.adoptAll();
    assertThat(secondEvents.started)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.pid()).isEqualTo(pid);
              assertThat(s.adopted()).isTrue();
            });
    assertThat(second.members()).singleElement().satisfies(m -> assertThat(m.running()).isTrue());

    // A crash of an adopted member is seen and reported as not requested.
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> !secondEvents.exited.isEmpty());
    assertThat(secondEvents.exited.get(0).requested()).isFalse();
    assertThat(secondEvents.exited.get(0).dataLost()).as("a crash keeps the data").isFalse();

    // Starting it again restarts it in place, on its data.
    second.start(start, null);
    long restartedPid = secondEvents.started.get(1).pid();
    pidToKill = restartedPid;
    assertThat(restartedPid).isNotEqualTo(pid);
    awaitHealthy();
    assertThat(get("orogen/key")).isEqualTo("kept");

    // A crash of its own child carries the exit code (SIGKILL: 137).
    ProcessHandle.of(restartedPid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> secondEvents.exited.size() == 2);
    assertThat(secondEvents.exited.get(1).exitCode()).isEqualTo(137);
    assertThat(secondEvents.exited.get(1).dataLost()).isFalse();

    second.start(start, null);
    pidToKill = secondEvents.started.get(2).pid();
    awaitHealthy();

    // A stop or removal meant for another incarnation of the cluster is refused; nothing happens.
    assertThatThrownBy(
            () -> second.stop(new StopMember("node-1", "solo", "solo-1", "old-token"), null))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("another incarnation");
    assertThatThrownBy(
            () ->
                second.removeData(
                    new RemoveMemberData("node-1", "solo", "solo-1", "old-token"), null))
        .isInstanceOf(CommandRefusedException.class);
    assertThat(ProcessHandle.of(pidToKill)).isPresent();

    // Stop on request, then remove the data.
    second.stop(new StopMember("node-1", "solo", "solo-1", "solo-token"), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> secondEvents.exited.size() == 3);
    assertThat(secondEvents.exited.get(2).requested()).isTrue();
    assertThat(ProcessHandle.of(pidToKill)).isEmpty();

    second.removeData(new RemoveMemberData("node-1", "solo", "solo-1", "solo-token"), null);
    assertThat(secondEvents.removed).containsExactly("solo/solo-1");
    assertThat(Files.exists(dataRoot.resolve("members/solo/solo-1"))).isFalse();
    assertThat(second.members()).isEmpty();
  }

  private StartMember start(String version) {
    return new StartMember(
        "node-1",
        "solo",
        "solo-1",
        version,
        "solo-token",
        Map.of("solo-1", "http://127.0.0.1:" + FIRST_PORT),
        InitialClusterState.NEW,
        FIRST_PORT,
        FIRST_PORT + 1);
  }

  private static StartMember withPorts(StartMember s, int peer, int client) {
    return new StartMember(
        s.node(),
        s.cluster(),
        s.member(),
        s.version(),
        s.clusterToken(),
        s.initialCluster(),
        s.initialClusterState(),
        peer,
        client);
  }

  private static StartMember withVersion(StartMember s, String version) {
    return new StartMember(
        s.node(),
        s.cluster(),
        s.member(),
        version,
        s.clusterToken(),
        s.initialCluster(),
        s.initialClusterState(),
        s.peerPort(),
        s.clientPort());
  }

  private void awaitHealthy() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                        HttpRequest.newBuilder(URI.create(CLIENT_URL + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"health\":\"true\""));
  }

  private void put(String key, String value) throws Exception {
    try (Client client = Client.builder().endpoints(CLIENT_URL).build()) {
      client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }
  }

  private String get(String key) throws Exception {
    try (Client client = Client.builder().endpoints(CLIENT_URL).build()) {
      return client
          .getKVClient()
          .get(bytes(key))
          .get(10, TimeUnit.SECONDS)
          .getKvs()
          .get(0)
          .getValue()
          .toString(StandardCharsets.UTF_8);
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}

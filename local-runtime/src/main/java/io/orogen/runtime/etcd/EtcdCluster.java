package io.orogen.runtime.etcd;

import io.orogen.events.EtcdVersion;
import io.orogen.runtime.FreePorts;
import io.orogen.runtime.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real etcd cluster of N member processes on loopback, for tests and for the coordination etcd of
 * {@code ./orogen up}. Each member has its own data directory and log file under the cluster's
 * directory.
 */
public final class EtcdCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  // The last leader can take 7-10 s to exit on SIGTERM.
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  /**
   * One member: its name, ports and, while it runs, its process.
   *
   * @param name the member name
   * @param clientPort the client port on 127.0.0.1
   * @param peerPort the peer port on 127.0.0.1
   */
  public record Member(String name, int clientPort, int peerPort) {
    public String clientUrl() {
      return "http://127.0.0.1:" + clientPort;
    }

    public String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }
  }

  private final EtcdInstall install;
  private final Path directory;
  private final List<Member> members;
  private final List<ServerProcess> processes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private EtcdCluster(EtcdInstall install, Path directory, List<Member> members) {
    this.install = install;
    this.directory = directory;
    this.members = members;
  }

  /**
   * Starts {@code size} members of {@code install} under {@code directory} and waits until every
   * member reports itself healthy.
   */
  public static EtcdCluster start(EtcdInstall install, int size, Path directory) {
    return start(install, size, directory, FreePorts.take(2 * size));
  }

  /**
   * As {@link #start(EtcdInstall, int, Path)} on fixed ports: member {@code i} takes client port
   * {@code ports[2i]} and peer port {@code ports[2i+1]}. A member whose data directory exists keeps
   * its data (etcd ignores the initial-cluster settings then).
   */
  public static EtcdCluster start(
      EtcdInstall install, int size, Path directory, List<Integer> ports) {
    if (ports.size() != 2 * size) {
      throw new IllegalArgumentException(size + " members need " + 2 * size + " ports");
    }
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new Member("m" + (i + 1), ports.get(2 * i), ports.get(2 * i + 1)));
    }
    EtcdCluster cluster = new EtcdCluster(install, directory, members);
    try {
      cluster.startMembers();
      cluster.awaitHealthy();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public EtcdVersion version() {
    return install.version();
  }

  public EtcdInstall install() {
    return install;
  }

  public List<Member> members() {
    return members;
  }

  /** The client URLs joined by commas, as {@code etcdctl --endpoints} takes them. */
  public String endpoints() {
    return members.stream().map(Member::clientUrl).collect(Collectors.joining(","));
  }

  public List<ServerProcess> processes() {
    return List.copyOf(processes);
  }

  private void startMembers() {
    String initialCluster =
        members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
    String token = "orogen-" + directory.getFileName();
    for (Member member : members) {
      Path dataDir = directory.resolve(member.name());
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<String> command =
          List.of(
              install.etcd().toString(),
              "--name=" + member.name(),
              "--data-dir=" + dataDir.resolve("data"),
              "--listen-client-urls=" + member.clientUrl(),
              "--advertise-client-urls=" + member.clientUrl(),
              "--listen-peer-urls=" + member.peerUrl(),
              "--initial-advertise-peer-urls=" + member.peerUrl(),
              "--initial-cluster=" + initialCluster,
              "--initial-cluster-token=" + token,
              "--initial-cluster-state=new",
              "--logger=zap");
      processes.add(
          ServerProcess.start(
              "etcd-" + member.name(),
              command,
              dataDir,
              directory.resolve(member.name() + ".log"),
              STOP_GRACE));
    }
  }

  private void awaitHealthy() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      ServerProcess process = processes.get(i);
      while (!isHealthy(member)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "etcd " + version() + " member " + member.name() + " exited:\n" + process.tail(20));
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "etcd member " + member.name() + " not healthy after " + START_TIMEOUT);
        }
        sleep(Duration.ofMillis(100));
      }
    }
  }

  /** Asks the member's {@code /health} endpoint, which answers healthy once there is a leader. */
  public boolean isHealthy(Member member) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(member.clientUrl() + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops every member (all at once, then waits), leaving the data directories. */
  @Override
  public void close() {
    processes.parallelStream().forEach(ServerProcess::close);
    processes.clear();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

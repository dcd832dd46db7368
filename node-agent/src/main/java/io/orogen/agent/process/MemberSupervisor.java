package io.orogen.agent.process;

import io.orogen.agent.config.AgentConfig;
import io.orogen.agent.model.EtcdCommandLine;
import io.orogen.agent.model.ExitDiagnosis;
import io.orogen.agent.model.MemberSpec;
import io.orogen.events.FieldError;
import io.orogen.events.RejectionCode;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcess;
import io.orogen.events.node.PortRange;
import io.orogen.events.node.RemoveMemberData;
import io.orogen.events.node.StartMember;
import io.orogen.events.node.StopMember;
import io.orogen.kit.command.CommandRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts, stops and watches the etcd member processes of this node.
 *
 * <p>Members are not children that die with the agent: each runs in its own session ({@code
 * setsid}), its output goes to a file, and its spec and pid live in its directory. So:
 *
 * <ol>
 *   <li>On start-up, {@link #adoptAll()} reads every member directory; a member that should run and
 *       whose pid is still that member's etcd is adopted and watched; one that should run but is
 *       gone is reported as exited, for cluster-service to decide.
 *   <li>{@link #start} is idempotent: the same member with the same settings answers again with
 *       {@code MemberProcessStarted}; a stopped or crashed member restarts in place on its data.
 *   <li>Every exit is reported once, with the exit code when the process was our child.
 * </ol>
 */
@ApplicationScoped
public class MemberSupervisor {

  private static final Logger LOG = Logger.getLogger(MemberSupervisor.class);
  private static final int LOG_TAIL = 20;

  private final AgentConfig config;
  private final EtcdReleases releases;
  private final MemberEvents events;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Optional<CloudEvent<?>>> stopRequests = new ConcurrentHashMap<>();

  private record Running(MemberSpec spec, ProcessHandle handle, MemberDirectory dir) {}

  public MemberSupervisor(AgentConfig config, EtcdReleases releases, MemberEvents events) {
    this.config = config;
    this.releases = releases;
    this.events = events;
  }

  /** Re-adopts the members a previous agent process started. */
  public synchronized void adoptAll() {
    for (MemberDirectory dir : MemberDirectory.all(config.dataRoot())) {
      MemberSpec spec = dir.readSpec().orElseThrow();
      if (spec.desired() != MemberSpec.Desired.RUNNING || running.containsKey(spec.key())) {
        continue;
      }
      Optional<ProcessHandle> handle = liveEtcd(dir);
      if (handle.isPresent()) {
        Running member = new Running(spec, handle.get(), dir);
        running.put(spec.key(), member);
        handle.get().onExit().thenAccept(h -> onExit(member, null));
        LOG.infof("adopted member %s (pid %d)", spec.key(), handle.get().pid());
        events.started(spec, handle.get().pid(), true, null);
      } else {
        LOG.warnf("member %s should run but its process is gone", spec.key());
        List<String> tail = dir.logTail(LOG_TAIL);
        events.exited(spec, null, false, tail, ExitDiagnosis.dataLost(dir.hasData(), tail), null);
      }
    }
  }

  /** Starts the member, or answers again if it already runs with the same settings. */
  public synchronized void start(StartMember command, CloudEvent<?> cause) {
    Path etcd =
        releases
            .etcd(command.version())
            .orElseThrow(
                () ->
                    new CommandRefusedException(
                        RejectionCode.UNKNOWN_VERSION,
                        "etcd "
                            + command.version()
                            + " is not installed on node "
                            + config.nodeName()
                            + "; it has "
                            + releases.versions()));
    MemberDirectory dir =
        new MemberDirectory(config.dataRoot(), command.cluster(), command.member());
    Optional<MemberSpec> previous = dir.readSpec();
    MemberSpec spec = spec(command, previous);
    Running current = running.get(spec.key());
    if (current != null && current.handle().isAlive()) {
      if (!current.spec().sameProcessAs(spec)) {
        throw new CommandRefusedException(
            RejectionCode.CONFLICT,
            "member "
                + spec.key()
                + " already runs with other settings ("
                + current.spec().version()
                + ", ports "
                + current.spec().peerPort()
                + "/"
                + current.spec().clientPort()
                + "); stop it first");
      }
      events.started(current.spec(), current.handle().pid(), false, cause);
      return;
    }
    long others = running.keySet().stream().filter(k -> !k.equals(spec.key())).count();
    if (others >= config.maxMembers()) {
      throw new CommandRefusedException(
          RejectionCode.CONFLICT,
          "node " + config.nodeName() + " already runs its maximum of " + others + " members");
    }
    if (command.restoreFrom() != null && !dir.hasData()) {
      Path tool =
          releases
              .snapshotTool(command.version())
              .orElseThrow(
                  () -> new IllegalStateException("etcd " + command.version() + " has no tool"));
      SnapshotRestore.restore(command.restoreFrom(), spec, dir, tool, config.address());
    }
    dir.writeSpec(spec);
    launch(spec, dir, etcd, cause);
  }

  /** Stops the member (SIGTERM, then SIGKILL after the grace period); its data stays. */
  public void stop(StopMember command, CloudEvent<?> cause) {
    requireToken(command.clusterToken());
    Running member;
    MemberSpec spec;
    synchronized (this) {
      MemberDirectory dir =
          new MemberDirectory(config.dataRoot(), command.cluster(), command.member());
      spec =
          dir.readSpec()
              .orElseThrow(
                  () ->
                      new CommandRefusedException(
                          RejectionCode.NOT_FOUND,
                          "no member "
                              + MemberSpec.key(command.cluster(), command.member())
                              + " on node "
                              + config.nodeName()));
      refuseOtherIncarnation(spec, command.clusterToken());
      dir.writeSpec(spec.withDesired(MemberSpec.Desired.STOPPED));
      member = running.get(spec.key());
      if (member == null || !member.handle().isAlive()) {
        events.exited(spec, null, true, dir.logTail(LOG_TAIL), false, cause);
        return;
      }
      stopRequests.put(spec.key(), Optional.ofNullable(cause));
    }
    // Outside the lock: the last leader can take seconds to exit.
    member.handle().destroy();
    if (!waitForExit(member.handle(), config.stopGracePeriod().toMillis())) {
      LOG.warnf("member %s ignored SIGTERM; killing it", spec.key());
      member.handle().destroyForcibly();
      waitForExit(member.handle(), 10_000);
    }
  }

  /** Deletes a stopped member's directory. */
  public synchronized void removeData(RemoveMemberData command, CloudEvent<?> cause) {
    String key = MemberSpec.key(command.cluster(), command.member());
    MemberDirectory dir =
        new MemberDirectory(config.dataRoot(), command.cluster(), command.member());
    requireToken(command.clusterToken());
    Optional<MemberSpec> spec = dir.readSpec();
    spec.ifPresent(s -> refuseOtherIncarnation(s, command.clusterToken()));
    Running member = running.get(key);
    if (member != null && member.handle().isAlive()) {
      throw new CommandRefusedException(
          RejectionCode.CONFLICT, "member " + key + " is running; stop it first");
    }
    if (spec.isPresent() && spec.get().desired() == MemberSpec.Desired.RUNNING) {
      // It crashed, or was never stopped: its data is all that is left of it.
      throw new CommandRefusedException(
          RejectionCode.CONFLICT,
          "member " + key + " is meant to run (it exited without being stopped); stop it first");
    }
    dir.delete();
    events.dataRemoved(command.cluster(), command.member(), cause);
  }

  /**
   * A command that names the cluster token it means acts only on the member started with it: a late
   * stop or removal for a deleted cluster never touches a new cluster of the same name.
   */
  /** Stopping or removing needs the incarnation named: a bare name could mean a newer cluster. */
  private static void requireToken(String clusterToken) {
    if (clusterToken == null || clusterToken.isBlank()) {
      throw new CommandRefusedException(
          RejectionCode.INVALID_FIELD,
          "clusterToken is required: a stop or a removal must name the incarnation it means",
          List.of(new FieldError("clusterToken", "must not be empty")));
    }
  }

  private void refuseOtherIncarnation(MemberSpec spec, String clusterToken) {
    if (clusterToken != null && !clusterToken.equals(spec.clusterToken())) {
      throw new CommandRefusedException(
          RejectionCode.NOT_FOUND,
          "member "
              + spec.key()
              + " on node "
              + config.nodeName()
              + " belongs to another incarnation of cluster "
              + spec.cluster()
              + " (token "
              + spec.clusterToken()
              + ", not "
              + clusterToken
              + ")");
    }
  }

  /** Keeps every member's log under {@code orogen.agent.max-log-bytes}. */
  public void capLogs() {
    for (MemberDirectory dir : MemberDirectory.all(config.dataRoot())) {
      if (dir.capLog(config.maxLogBytes())) {
        LOG.infof(
            "the log of %s passed %d bytes; kept in etcd.log.1", dir.path(), config.maxLogBytes());
      }
    }
  }

  /** Every member on this node with its process state, for heartbeats and the status API. */
  public List<MemberProcess> members() {
    List<MemberProcess> members = new ArrayList<>();
    for (MemberDirectory dir : MemberDirectory.all(config.dataRoot())) {
      dir.readSpec()
          .ifPresent(
              spec -> {
                Running member = running.get(spec.key());
                boolean alive = member != null && member.handle().isAlive();
                members.add(
                    new MemberProcess(
                        spec.cluster(),
                        spec.member(),
                        spec.version(),
                        alive ? member.handle().pid() : null,
                        alive,
                        EtcdCommandLine.url(config.address(), spec.peerPort()),
                        EtcdCommandLine.url(config.address(), spec.clientPort())));
              });
    }
    return members;
  }

  private MemberSpec spec(StartMember command, Optional<MemberSpec> previous) {
    int peerPort;
    int clientPort;
    if (command.peerPort() != null && command.clientPort() != null) {
      peerPort = command.peerPort();
      clientPort = command.clientPort();
    } else if (previous.isPresent()) {
      peerPort = previous.get().peerPort();
      clientPort = previous.get().clientPort();
    } else {
      Set<Integer> held = new HashSet<>();
      for (MemberDirectory dir : MemberDirectory.all(config.dataRoot())) {
        dir.readSpec()
            .ifPresent(
                s -> {
                  held.add(s.peerPort());
                  held.add(s.clientPort());
                });
      }
      PortRange range = new PortRange(config.portRangeFirst(), config.portRangeLast());
      List<Integer> ports = range.lowestFree(held, 2, port -> canBind(config.address(), port));
      if (ports.isEmpty()) {
        throw new CommandRefusedException(
            RejectionCode.CONFLICT,
            "no 2 free ports left in " + range.first() + "-" + range.last());
      }
      peerPort = ports.get(0);
      clientPort = ports.get(1);
    }
    return new MemberSpec(
        command.cluster(),
        command.member(),
        command.version(),
        command.clusterToken(),
        command.initialCluster(),
        command.initialClusterState(),
        peerPort,
        clientPort,
        MemberSpec.Desired.RUNNING);
  }

  private void launch(MemberSpec spec, MemberDirectory dir, Path etcd, CloudEvent<?> cause) {
    List<String> command = new ArrayList<>();
    // Its own session: Ctrl-C on the agent's terminal or the agent's death leave it running.
    command.add("setsid");
    command.addAll(EtcdCommandLine.of(etcd, spec, dir.dataDir(), config.address()));
    try {
      Files.createDirectories(dir.path());
      Process process =
          new ProcessBuilder(command)
              .directory(dir.path().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      dir.writePid(process.pid());
      Running member = new Running(spec, process.toHandle(), dir);
      running.put(spec.key(), member);
      process.onExit().thenAccept(p -> onExit(member, p.exitValue()));
      LOG.infof("started member %s (etcd %s, pid %d)", spec.key(), spec.version(), process.pid());
      events.started(spec, process.pid(), false, cause);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start etcd for " + spec.key(), e);
    }
  }

  private void onExit(Running member, Integer exitCode) {
    String key = member.spec().key();
    Optional<CloudEvent<?>> request;
    synchronized (this) {
      if (!running.remove(key, member)) {
        return; // a newer process of the same member took its place
      }
      request = stopRequests.remove(key);
    }
    LOG.infof("member %s exited (code %s)", key, exitCode);
    List<String> tail = member.dir().logTail(LOG_TAIL);
    boolean dataLost = request == null && ExitDiagnosis.dataLost(member.dir().hasData(), tail);
    if (dataLost) {
      LOG.warnf("member %s cannot run from its data any more: it is gone or unusable", key);
    }
    events.exited(
        member.spec(),
        exitCode,
        request != null,
        tail,
        dataLost,
        request == null ? null : request.orElse(null));
  }

  /** The member's etcd process, if its recorded pid still runs etcd on that data directory. */
  private static Optional<ProcessHandle> liveEtcd(MemberDirectory dir) {
    OptionalLong pid = dir.readPid();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.getAsLong())
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info()
                    .commandLine()
                    .map(line -> line.contains(dir.dataDir().toString()))
                    .orElse(false));
  }

  private static boolean waitForExit(ProcessHandle handle, long millis) {
    try {
      handle.onExit().get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private static boolean canBind(String address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.orogen.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The node agent's settings ({@code orogen.agent.*}). */
@ConfigMapping(prefix = "orogen.agent")
public interface AgentConfig {

  /** The node's name: the key of its commands and events. */
  String nodeName();

  /** A member's {@code etcd.log} longer than this is kept in {@code etcd.log.1} and emptied. */
  @WithDefault("16777216")
  long maxLogBytes();

  /** Placement labels reported to cluster-service, for example {@code zone=a}. */
  Map<String, String> labels();

  /** Where member directories (spec, data, log, pid) live. */
  Path dataRoot();

  /** The address members listen on and advertise. */
  @WithDefault("127.0.0.1")
  String address();

  /** The first port given to members. */
  @WithDefault("20000")
  int portRangeFirst();

  /** The last port given to members. */
  @WithDefault("20099")
  int portRangeLast();

  /** How many members this node runs at most. */
  @WithDefault("8")
  int maxMembers();

  /**
   * The etcd binaries: a directory with {@code etcd} in it, or one sub-directory per release. The
   * default is where {@code ./orogen up} fetches Debian's releases.
   */
  @WithDefault("${user.home}/.cache/orogen/etcd")
  Path etcdDir();

  /** How often to send {@code NodeHeartbeat}. */
  @WithDefault("5s")
  Duration heartbeatInterval();

  /** How long a member gets to exit after SIGTERM before SIGKILL. */
  @WithDefault("20s")
  Duration stopGracePeriod();

  /** The host's boot id; read from the kernel unless set (tests set it to simulate reboots). */
  Optional<String> bootId();
}

package io.orogen.cluster.etcd;

import io.etcd.jetcd.Client;
import io.orogen.cluster.config.ClusterServiceConfig;
import io.orogen.cluster.model.MemberStatus;
import io.orogen.kit.etcd.Endpoints;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link EtcdProbe} through jetcd: one client per cluster, a status call per member. A member where
 * nothing listens is unreachable at once (a TCP connect says so); one that listens but does not
 * answer (hung) costs the probe timeout.
 */
@ApplicationScoped
public class JetcdProbe implements EtcdProbe {

  private record Connection(Client client) {}

  private final ClusterServiceConfig config;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public JetcdProbe(ClusterServiceConfig config) {
    this.config = config;
  }

  @Override
  public List<MemberStatus> observe(String cluster, List<String> clientUrls) {
    Client client = client(cluster, clientUrls);
    // All members at once: a member that does not answer costs one timeout, not one each.
    List<CompletableFuture<MemberStatus>> calls =
        clientUrls.stream().map(url -> status(client, url)).toList();
    return calls.stream().map(CompletableFuture::join).toList();
  }

  @Override
  public void forget(String cluster) {
    Connection connection = connections.remove(cluster);
    if (connection != null) {
      connection.client().close();
    }
  }

  void onStop(@Observes ShutdownEvent stop) {
    connections.values().forEach(c -> c.client().close());
    connections.clear();
  }

  private CompletableFuture<MemberStatus> status(Client client, String url) {
    if (!Endpoints.listening(url)) {
      // Nothing listens (the process just exited, or has not bound yet): say so now, rather than
      // after the probe timeout, so that the pass goes on to heal it.
      return CompletableFuture.completedFuture(MemberStatus.unreachable(url));
    }
    return client
        .getMaintenanceClient()
        .statusMember(url)
        .orTimeout(config.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(
            status ->
                new MemberStatus(
                    url,
                    true,
                    Long.toHexString(status.getHeader().getMemberId()),
                    Long.toHexString(status.getLeader()),
                    status.getVersion(),
                    status.getRaftIndex(),
                    status.getDbSize()))
        .exceptionally(failure -> MemberStatus.unreachable(url));
  }

  /**
   * The cluster's client, made with the endpoints of its first look. {@code statusMember} dials the
   * member it names, so later changes of the endpoints need no new client (closing one on every
   * change is what once stalled the reconciler).
   */
  private Client client(String cluster, List<String> endpoints) {
    return connections
        .computeIfAbsent(
            cluster,
            name ->
                new Connection(
                    Client.builder()
                        .endpoints(endpoints.toArray(String[]::new))
                        .connectTimeout(Duration.ofSeconds(1))
                        .retryMaxAttempts(1)
                        .build()))
        .client();
  }
}

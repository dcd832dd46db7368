package io.orogen.cluster.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.cluster.MemberAddResponse;
import io.orogen.cluster.config.ClusterServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link EtcdMembership} through jetcd, with a short-lived client per change: membership changes
 * are rare, and the endpoints that answer change with them.
 *
 * <p>jetcd 0.8.5's API predates {@code MemberPromote}, so promotion goes through the gRPC gateway
 * etcd serves on every client URL ({@code POST /v3/cluster/member/promote}).
 */
@ApplicationScoped
public class JetcdMembership implements EtcdMembership {

  /** etcd's answer while a learner lags behind the leader ({@code ErrLearnerNotReady}). */
  static final String NOT_IN_SYNC = "in sync with leader";

  /** etcd's answer when the member already votes ({@code ErrMemberNotLearner}). */
  static final String NOT_A_LEARNER = "can only promote a learner member";

  /** etcd's answer while its strict reconfiguration check fails ({@code ErrUnhealthy}). */
  static final String UNHEALTHY = "unhealthy cluster";

  private final Duration timeout;
  private final HttpClient http;

  @Inject
  public JetcdMembership(ClusterServiceConfig config) {
    this(config.membershipTimeout());
  }

  /** Waits up to {@code timeout} for each change. */
  public JetcdMembership(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Optional<String> find(List<String> endpoints, String peerUrl) {
    return call(
        endpoints,
        "list the members",
        client ->
            client
                .getClusterClient()
                .listMember()
                .thenApply(
                    list ->
                        list.getMembers().stream()
                            .filter(m -> hasPeer(m, peerUrl))
                            .map(m -> Long.toHexString(m.getId()))
                            .findFirst()));
  }

  @Override
  public Added addLearner(List<String> endpoints, String name, String peerUrl) {
    return call(
        endpoints,
        "add a learner at " + peerUrl,
        client ->
            client
                .getClusterClient()
                .listMember()
                .thenCompose(
                    list ->
                        list.getMembers().stream().anyMatch(m -> hasPeer(m, peerUrl))
                            ? CompletableFuture.completedFuture(list.getMembers())
                            : client
                                .getClusterClient()
                                .addMember(List.of(URI.create(peerUrl)), true)
                                .thenApply(MemberAddResponse::getMembers))
                .thenApply(members -> added(members, name, peerUrl)));
  }

  /** The new member has no name in etcd until it starts; it gets its own here. */
  private static Added added(List<Member> members, String name, String peerUrl) {
    Map<String, String> initialCluster = new LinkedHashMap<>();
    String id = null;
    for (Member member : members) {
      if (hasPeer(member, peerUrl)) {
        id = Long.toHexString(member.getId());
        initialCluster.put(name, peerUrl);
      } else {
        initialCluster.put(member.getName(), member.getPeerURIs().get(0).toString());
      }
    }
    return new Added(id, initialCluster);
  }

  @Override
  public boolean promote(List<String> endpoints, String memberId) {
    String body =
        "{\"ID\":\"" + Long.toUnsignedString(Long.parseUnsignedLong(memberId, 16)) + "\"}";
    IOException last = null;
    for (String endpoint : endpoints) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(endpoint + "/v3/cluster/member/promote"))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = e; // that member is down: ask the next one
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MembershipException("interrupted while promoting " + memberId, e);
      }
      if (response.statusCode() == 200) {
        return true;
      }
      if (response.body().contains(NOT_IN_SYNC)) {
        return false;
      }
      if (response.body().contains(NOT_A_LEARNER)) {
        return true;
      }
      throw new MembershipException(
          "etcd refused to promote " + memberId + ": " + response.body(), null);
    }
    throw new MembershipException("no member answered to promote " + memberId, last);
  }

  @Override
  public void remove(List<String> endpoints, String memberId) {
    long id = Long.parseUnsignedLong(memberId, 16);
    call(
        endpoints,
        "remove member " + memberId,
        client ->
            client
                .getClusterClient()
                .listMember()
                .thenCompose(
                    list ->
                        list.getMembers().stream().anyMatch(m -> m.getId() == id)
                            ? client.getClusterClient().removeMember(id).thenApply(r -> true)
                            : CompletableFuture.completedFuture(false)));
  }

  @Override
  public void moveLeader(String leaderClientUrl, String memberId) {
    call(
        List.of(leaderClientUrl),
        "move leadership to " + memberId,
        client -> client.getMaintenanceClient().moveLeader(Long.parseUnsignedLong(memberId, 16)));
  }

  private <T> T call(
      List<String> endpoints, String what, Function<Client, CompletableFuture<T>> work) {
    try (Client client =
        Client.builder()
            .endpoints(endpoints.toArray(String[]::new))
            .connectTimeout(timeout)
            .build()) {
      return work.apply(client).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      String reason = e.getCause().getMessage();
      if (reason != null && reason.contains(UNHEALTHY)) {
        reason =
            "etcd changes its membership only once the leader has been connected to every voting"
                + " member for 5 s; trying again";
      }
      throw new MembershipException("could not " + what + ": " + reason, e);
    } catch (TimeoutException e) {
      throw new MembershipException("could not " + what + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MembershipException("interrupted while trying to " + what, e);
    }
  }

  private static boolean hasPeer(Member member, String peerUrl) {
    return member.getPeerURIs().stream().anyMatch(u -> u.toString().equals(peerUrl));
  }
}

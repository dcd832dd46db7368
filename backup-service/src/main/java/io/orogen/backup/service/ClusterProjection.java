package io.orogen.backup.service;

import io.orogen.backup.persistence.BackupPolicyEntity;
import io.orogen.backup.persistence.ClusterViewEntity;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.ClusterScaled;
import io.orogen.events.cluster.DegradedReason;
import io.orogen.events.cluster.MemberReplaced;
import io.orogen.kit.command.Outcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * backup-service's picture of the clusters, kept from {@code orogen.cluster.events}: the token of
 * each incarnation, its version and its members' client URLs. Each method runs inside the inbox's
 * transaction.
 */
@ApplicationScoped
public class ClusterProjection {

  public Uni<Outcome> accepted(ClusterAccepted event) {
    return ClusterViewEntity.<ClusterViewEntity>findById(event.cluster())
        .flatMap(
            existing -> {
              ClusterViewEntity view = existing != null ? existing : new ClusterViewEntity();
              view.name = event.cluster();
              view.token = event.clusterToken();
              view.version = event.version();
              view.phase = "PROVISIONING";
              view.members = "";
              view.updatedAt = Instant.now();
              return (existing != null
                      ? Uni.createFrom().item(view)
                      : view.<ClusterViewEntity>persist())
                  .replaceWith(accepted(event.cluster()));
            });
  }

  public Uni<Outcome> ready(ClusterReady event) {
    return update(
        event.cluster(),
        view -> {
          view.phase = "READY";
          view.quorumLostAt = null;
          view.version = event.version();
          view.clientUrls(urls(event.members()));
        });
  }

  public Uni<Outcome> scaled(ClusterScaled event) {
    return update(
        event.cluster(),
        view -> {
          view.phase = "READY";
          view.clientUrls(urls(event.members()));
        });
  }

  public Uni<Outcome> replaced(MemberReplaced event) {
    return update(
        event.cluster(),
        view -> {
          Map<String, String> urls = view.clientUrls();
          urls.remove(event.replacedMember());
          urls.put(event.member().name(), event.member().clientUrl());
          view.clientUrls(urls);
        });
  }

  public Uni<Outcome> degraded(ClusterDegraded event) {
    return update(
        event.cluster(),
        view -> {
          view.phase = "DEGRADED";
          if (event.reason() == DegradedReason.QUORUM_LOST) {
            if (view.quorumLostAt == null) {
              view.quorumLostAt = Instant.now();
            }
          } else {
            view.quorumLostAt = null;
          }
          if (event.members() != null && !event.members().isEmpty()) {
            view.clientUrls(urls(event.members()));
          }
        });
  }

  /**
   * A deleted cluster is forgotten with its backup policy; its backups stay (they are what can
   * bring it back).
   */
  public Uni<Outcome> deleted(ClusterDeleted event) {
    return ClusterViewEntity.deleteById(event.cluster())
        .chain(() -> BackupPolicyEntity.deleteById(event.cluster()))
        .replaceWith(accepted(event.cluster()));
  }

  private static Uni<Outcome> update(String cluster, Consumer<ClusterViewEntity> change) {
    return ClusterViewEntity.<ClusterViewEntity>findById(cluster)
        .map(
            view -> {
              if (view != null) {
                change.accept(view);
                view.updatedAt = Instant.now();
              }
              return accepted(cluster);
            });
  }

  private static Map<String, String> urls(List<ClusterMember> members) {
    Map<String, String> urls = new LinkedHashMap<>();
    if (members != null) {
      members.stream()
          .filter(m -> m.name() != null && m.clientUrl() != null)
          .forEach(m -> urls.put(m.name(), m.clientUrl()));
    }
    return urls;
  }

  private static Outcome accepted(String cluster) {
    return new Outcome.Accepted(cluster, null);
  }
}

package io.orogen.backup.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.orogen.backup.config.BackupServiceConfig;
import io.orogen.backup.model.SnapshotSource;
import io.orogen.kit.etcd.Endpoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A managed cluster's members over jetcd: who answers, and a member's snapshot stream. */
@ApplicationScoped
public class EtcdSnapshots {

  private final BackupServiceConfig config;

  public EtcdSnapshots(BackupServiceConfig config) {
    this.config = config;
  }

  /** Reads a snapshot as a stream; closing it ends the call. */
  @FunctionalInterface
  public interface SnapshotReader<T> {
    T read(InputStream snapshot) throws IOException;
  }

  /**
   * The status of every member that answers.
   *
   * @param clientUrls the members' client URLs by member name
   */
  public List<SnapshotSource.Status> statuses(Map<String, String> clientUrls) {
    if (clientUrls.isEmpty()) {
      return List.of();
    }
    try (Client client = client(List.copyOf(clientUrls.values()))) {
      List<CompletableFuture<Optional<SnapshotSource.Status>>> calls =
          clientUrls.entrySet().stream()
              .map(e -> status(client, e.getKey(), e.getValue()))
              .toList();
      return calls.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    }
  }

  /**
   * Streams the snapshot of the member at {@code clientUrl} into {@code reader}, from this thread.
   */
  public <T> T snapshot(String clientUrl, SnapshotReader<T> reader) throws IOException {
    try (Client client = client(List.of(clientUrl));
        SnapshotStream stream = new SnapshotStream(config.streamIdleTimeout())) {
      client.getMaintenanceClient().snapshot(stream);
      return reader.read(stream);
    }
  }

  /**
   * What a member holds at {@code revision}: its key count and etcd's key-space hash.
   *
   * @param keyCount the keys at that revision
   * @param hashKv the hash of the key space up to that revision
   */
  public record Contents(long keyCount, long hashKv) {}

  /** {@link Contents} of the member at {@code clientUrl} at {@code revision}. */
  public Contents contents(String clientUrl, long revision) throws IOException {
    ByteSequence all = ByteSequence.from(new byte[] {0});
    try (Client client = client(List.of(clientUrl))) {
      long keys =
          client
              .getKVClient()
              .get(
                  all,
                  GetOption.builder()
                      .withRange(all)
                      .withCountOnly(true)
                      .withRevision(revision)
                      // The member's own state: a member without quorum answers too.
                      .withSerializable(true)
                      .build())
              .get(config.probeTimeout().toMillis() * 5, TimeUnit.MILLISECONDS)
              .getCount();
      long hash =
          Integer.toUnsignedLong(
              client
                  .getMaintenanceClient()
                  .hashKV(clientUrl, revision)
                  .get(config.probeTimeout().toMillis() * 5, TimeUnit.MILLISECONDS)
                  .getHash());
      return new Contents(keys, hash);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("reading " + clientUrl + " at revision " + revision + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private CompletableFuture<Optional<SnapshotSource.Status>> status(
      Client client, String member, String url) {
    if (!Endpoints.listening(url)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return client
        .getMaintenanceClient()
        .statusMember(url)
        .orTimeout(config.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(
            s ->
                Optional.of(
                    new SnapshotSource.Status(
                        member,
                        url,
                        s.getLeader() == s.getHeader().getMemberId(),
                        s.getRaftIndex(),
                        s.getVersion())))
        .exceptionally(failure -> Optional.empty());
  }

  private static Client client(List<String> endpoints) {
    return Client.builder()
        .endpoints(endpoints.toArray(String[]::new))
        .connectTimeout(Duration.ofSeconds(2))
        .retryMaxAttempts(1)
        .build();
  }
}

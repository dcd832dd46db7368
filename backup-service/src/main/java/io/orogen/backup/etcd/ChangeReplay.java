package io.orogen.backup.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays recorded changes onto a member, one transaction per recorded revision, so that the
 * member's revisions advance exactly as the recorded cluster's did: restored from a snapshot at
 * revision {@code r}, replaying revision {@code r + 1} makes it {@code r + 1}. Keys come back
 * without their leases (a lease's expiry is itself a recorded delete).
 */
public final class ChangeReplay implements AutoCloseable {

  private static final ByteSequence ALL = ByteSequence.from(new byte[] {0});

  private final Client client;
  private long revision;

  private ChangeReplay(Client client, long revision) {
    this.client = client;
    this.revision = revision;
  }

  /** Replays onto the member at {@code clientUrl}, which must answer. */
  public static ChangeReplay onto(String clientUrl) throws IOException {
    Client client =
        Client.builder().endpoints(clientUrl).connectTimeout(Duration.ofSeconds(2)).build();
    try {
      long revision =
          await(
                  client
                      .getKVClient()
                      .get(ALL, GetOption.builder().withRange(ALL).withCountOnly(true).build()),
                  5)
              .getHeader()
              .getRevision();
      return new ChangeReplay(client, revision);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The member's revision: the last one replayed, or the snapshot's. */
  public long revision() {
    return revision;
  }

  /**
   * Applies {@code change} if it is the member's next revision, skips it if the member has it
   * already; a revision missing in between is an error.
   */
  public void apply(Change change) throws IOException {
    if (change.revision() <= revision) {
      return;
    }
    if (change.revision() != revision + 1) {
      throw new IOException("revision " + (revision + 1) + " is missing from the recorded changes");
    }
    Op[] ops =
        change.ops().stream()
            .map(
                op ->
                    op.delete()
                        ? (Op) Op.delete(ByteSequence.from(op.key()), DeleteOption.DEFAULT)
                        : Op.put(
                            ByteSequence.from(op.key()),
                            ByteSequence.from(op.value()),
                            PutOption.DEFAULT))
            .toArray(Op[]::new);
    long now = await(client.getKVClient().txn().Then(ops).commit(), 30).getHeader().getRevision();
    if (now != change.revision()) {
      throw new IOException(
          "replaying revision " + change.revision() + " made the member's revision " + now);
    }
    revision = now;
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> call, int seconds)
      throws IOException {
    try {
      return call.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

package io.orogen.nodeupdate.lock;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A counting semaphore per node group in the coordination etcd: at most {@code max} nodes of a
 * group hold a reboot slot at once, however many node-update-service instances grant them. A slot
 * has no TTL: it is held until it is released, so a node that never comes back keeps its slot.
 *
 * <p>Under {@code <root>/<group>/}, {@code holders/<node>} (names URL-encoded) is one holder (its
 * value a note for people), and {@code guard} is written by every grant. A grant is one transaction
 * that succeeds only if {@code guard} is as the grant read it (no other grant in between) and the
 * node holds no slot yet; otherwise it reads again. The fencing token of a grant is the etcd
 * revision that created its holder key: it grows with every grant, so a node can tell a stale grant
 * from a newer one, and a release names the grant it releases.
 *
 * <p>Every call waits at most {@code timeout} for etcd; an etcd that does not answer fails the call
 * ({@link Unavailable}), and nothing is granted: the semaphore fails closed.
 */
public final class RebootSemaphore implements AutoCloseable {

  /** One node holding a slot of its group. */
  public record Holder(String node, long token, String note) {}

  /** What a request for a slot got. */
  public sealed interface Acquired {}

  /**
   * A slot, with its fencing token; {@code already} when the node held it before this request (a
   * request repeated is answered with the grant it already has).
   */
  public record Granted(long token, boolean already) implements Acquired {}

  /** Every slot is held; by these nodes. */
  public record Full(List<Holder> holders) implements Acquired {}

  /** etcd did not answer in time, or refused: nothing was granted. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Client client;
  private final KV kv;
  private final String root;
  private final Duration timeout;

  /**
   * @param endpoints the coordination etcd's client URLs
   * @param root the key prefix the groups live under, for example {@code /orogen/reboot}
   * @param timeout how long a call waits for etcd
   */
  public RebootSemaphore(List<String> endpoints, String root, Duration timeout) {
    this.client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
    this.kv = client.getKVClient();
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.timeout = timeout;
  }

  /**
   * A slot of {@code group} for {@code node}, if one is free (or the node holds one already).
   *
   * @param max how many nodes of the group may hold a slot at once
   * @param note why it is taken, kept with the holder for people
   */
  public Acquired acquire(String group, String node, int max, String note) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    ByteSequence guard = key(group, "guard");
    ByteSequence holderKey = holderKey(group, node);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      State state = read(group);
      Optional<Holder> mine = state.holders().stream().filter(h -> h.node().equals(node)).findAny();
      if (mine.isPresent()) {
        return new Granted(mine.get().token(), true);
      }
      if (state.holders().size() >= max) {
        return new Full(state.holders());
      }
      TxnResponse answer =
          await(
              kv.txn()
                  .If(
                      new Cmp(guard, Cmp.Op.EQUAL, CmpTarget.modRevision(state.guardRevision())),
                      new Cmp(holderKey, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                  .Then(
                      Op.put(guard, bytes(node), PutOption.DEFAULT),
                      Op.put(holderKey, bytes(note == null ? "" : note), PutOption.DEFAULT))
                  .commit(),
              "grant a slot of " + group + " to " + node);
      if (answer.isSucceeded()) {
        return new Granted(answer.getHeader().getRevision(), false);
      }
      // Another grant came in between: read again, until the timeout.
      if (System.nanoTime() > deadline) {
        throw new Unavailable(
            "no answer on a slot of " + group + " for " + node + " within " + timeout, null);
      }
    }
  }

  /**
   * Gives back the slot that {@code node} holds under the grant {@code token}.
   *
   * @return true when it was released or was not held; false when the node holds a slot under
   *     another grant, which this release does not touch
   */
  public boolean release(String group, String node, long token) {
    ByteSequence holderKey = holderKey(group, node);
    TxnResponse answer =
        await(
            kv.txn()
                .If(new Cmp(holderKey, Cmp.Op.EQUAL, CmpTarget.createRevision(token)))
                .Then(Op.delete(holderKey, DeleteOption.DEFAULT))
                .Else(Op.get(holderKey, GetOption.DEFAULT))
                .commit(),
            "release the slot of " + node + " in " + group);
    return answer.isSucceeded() || answer.getGetResponses().get(0).getKvs().isEmpty();
  }

  /** The nodes holding a slot of {@code group}, oldest grant first. */
  public List<Holder> holders(String group) {
    return read(group).holders();
  }

  private record State(long guardRevision, List<Holder> holders) {}

  /** The guard and the holders as of one revision. */
  private State read(String group) {
    ByteSequence holders = key(group, "holders/");
    TxnResponse answer =
        await(
            kv.txn()
                .Then(
                    Op.get(key(group, "guard"), GetOption.DEFAULT),
                    Op.get(holders, GetOption.builder().isPrefix(true).build()))
                .commit(),
            "read the slots of " + group);
    List<KeyValue> guard = answer.getGetResponses().get(0).getKvs();
    int prefix = holders.toString(StandardCharsets.UTF_8).length();
    List<Holder> held =
        answer.getGetResponses().get(1).getKvs().stream()
            .map(
                kv ->
                    new Holder(
                        URLDecoder.decode(
                            kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix),
                            StandardCharsets.UTF_8),
                        kv.getCreateRevision(),
                        kv.getValue().toString(StandardCharsets.UTF_8)))
            .sorted(Comparator.comparingLong(Holder::token))
            .toList();
    return new State(guard.isEmpty() ? 0 : guard.get(0).getModRevision(), held);
  }

  /**
   * A key under the group; group and node names are URL-encoded in it, so any name (a FleetLock
   * client id may hold a {@code /}) stays one path segment.
   */
  private ByteSequence key(String group, String rest) {
    return bytes(root + "/" + encode(group) + "/" + rest);
  }

  private ByteSequence holderKey(String group, String node) {
    return key(group, "holders/" + encode(node));
  }

  private static String encode(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a group or node name must not be empty");
    }
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private <T> T await(CompletableFuture<T> call, String what) {
    try {
      return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while trying to " + what, e);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new Unavailable("etcd did not answer within " + timeout + " to " + what, e);
    } catch (ExecutionException e) {
      throw new Unavailable("etcd refused to " + what + ": " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

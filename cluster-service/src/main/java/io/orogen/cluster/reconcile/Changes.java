package io.orogen.cluster.reconcile;

import io.orogen.cluster.persistence.ClusterEntity;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.events.Domain;
import io.orogen.events.Payload;
import io.orogen.kit.command.Operation;
import io.orogen.kit.outbox.Outbox;
import io.orogen.kit.store.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The reconciler's writes: a change to one row and the records it sends, in one transaction, made
 * only if the row is still as the pass saw it (else the next pass decides again).
 */
@ApplicationScoped
class Changes {

  private final Outbox outbox;

  Changes(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * Applies {@code change} to the member and appends {@code effects}, if the member is still in the
   * state and membership the pass saw. The pass's copy is changed too.
   *
   * @return whether the change was made
   */
  boolean member(MemberEntity seen, Consumer<MemberEntity> change, Supplier<Uni<Void>> effects) {
    return member(
        seen,
        current -> current.state == seen.state && current.membership == seen.membership,
        change,
        effects);
  }

  /**
   * Applies {@code change} to the member and appends {@code effects}, if {@code unchanged} holds
   * for the member as it is now. The pass's copy is changed too.
   */
  boolean member(
      MemberEntity seen,
      Predicate<MemberEntity> unchanged,
      Consumer<MemberEntity> change,
      Supplier<Uni<Void>> effects) {
    boolean made =
        tx(
            () ->
                MemberEntity.<MemberEntity>findById(seen.id)
                    .flatMap(
                        current -> {
                          if (current == null || !unchanged.test(current)) {
                            return Uni.createFrom().item(false);
                          }
                          change.accept(current);
                          current.updatedAt = Instant.now();
                          return effects.get().replaceWith(true);
                        }));
    if (made) {
      change.accept(seen);
      outbox.wake();
    }
    return made;
  }

  /**
   * Applies {@code change} to the cluster and appends {@code effects}, if {@code unchanged} holds
   * for the cluster as it is now.
   */
  boolean cluster(
      ClusterEntity seen,
      Predicate<ClusterEntity> unchanged,
      Consumer<ClusterEntity> change,
      Supplier<Uni<Void>> effects) {
    boolean made =
        tx(
            () ->
                ClusterEntity.<ClusterEntity>findById(seen.name)
                    .flatMap(
                        current -> {
                          if (current == null || !unchanged.test(current)) {
                            return Uni.createFrom().item(false);
                          }
                          change.accept(current);
                          current.updatedAt = Instant.now();
                          return effects.get().replaceWith(true);
                        }));
    if (made) {
      outbox.wake();
    }
    return made;
  }

  /** Publishes what was appended outside {@link #member} and {@link #cluster} now. */
  void wake() {
    outbox.wake();
  }

  /** Adds a new member row. */
  void add(MemberEntity member) {
    tx(() -> member.persist().replaceWithVoid());
  }

  Uni<Void> send(Domain domain, Payload payload, Operation op) {
    return outbox.append(domain, payload, op);
  }

  static Uni<Void> none() {
    return Uni.createFrom().voidItem();
  }

  static <T> T tx(Supplier<Uni<T>> work) {
    return Transactions.await(work);
  }
}

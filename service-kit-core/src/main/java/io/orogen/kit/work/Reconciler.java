package io.orogen.kit.work;

/**
 * Brings one aggregate toward its desired state: level-based (it looks at everything each time),
 * idempotent, and it says when it wants to run again instead of polling.
 */
@FunctionalInterface
public interface Reconciler {

  /**
   * Reconciles the aggregate {@code key}. Throwing means "try again after a back-off".
   *
   * @return when to run again; {@link Requeue#done()} when only an event should wake it
   */
  Requeue reconcile(String key);
}

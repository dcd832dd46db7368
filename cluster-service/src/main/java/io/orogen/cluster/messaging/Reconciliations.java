package io.orogen.cluster.messaging;

/** Asks for a cluster to be reconciled soon; implemented by the reconcile loop. */
public interface Reconciliations {

  void request(String cluster);
}

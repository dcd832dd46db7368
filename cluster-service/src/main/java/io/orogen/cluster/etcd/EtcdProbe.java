package io.orogen.cluster.etcd;

import io.orogen.cluster.model.MemberStatus;
import java.util.List;

/** Asks a managed cluster's members how they are. */
public interface EtcdProbe {

  /** The status of each member, in the order of {@code clientUrls}. */
  List<MemberStatus> observe(String cluster, List<String> clientUrls);

  /** Drops what is kept for a cluster that is gone. */
  void forget(String cluster);
}

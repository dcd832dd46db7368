package io.orogen.backup.etcd;

import java.time.Instant;
import java.util.List;

/**
 * Everything one revision of a cluster changed (one etcd transaction), as its watch stream
 * delivered it: the unit delta snapshots are recorded and replayed in.
 *
 * @param revision the revision
 * @param seenAt when the recording saw it (just after etcd committed it)
 * @param ops its puts and deletes, one per key
 */
public record Change(long revision, Instant seenAt, List<Op> ops) {

  /**
   * A key put to a value, or deleted.
   *
   * @param key the key
   * @param value its new value, or null when the key was deleted
   */
  public record Op(byte[] key, byte[] value) {

    public boolean delete() {
      return value == null;
    }
  }
}

package io.orogen.upgrade.model;

import io.orogen.events.EtcdVersion;
import io.orogen.events.upgrade.UpdateChannel;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The release a channel offers a cluster, of those its members' nodes all have. */
public final class Channels {

  private Channels() {}

  /**
   * {@code patch}: the newest patch of its minor; {@code minor}: that, or once it runs the newest
   * patch, the newest patch of the next minor; {@code pinned}: none.
   *
   * @param available the releases every node of its members can run
   */
  public static Optional<String> offer(
      String current, UpdateChannel channel, Collection<String> available) {
    Optional<EtcdVersion> running = EtcdVersion.parse(current);
    if (running.isEmpty() || channel == UpdateChannel.PINNED) {
      return Optional.empty();
    }
    EtcdVersion now = running.get();
    Optional<EtcdVersion> patch =
        newest(available, now.major(), now.minor()).filter(v -> v.compareTo(now) > 0);
    if (patch.isPresent() || channel == UpdateChannel.PATCH) {
      return patch.map(EtcdVersion::toString);
    }
    return newest(available, now.major(), now.minor() + 1).map(EtcdVersion::toString);
  }

  private static Optional<EtcdVersion> newest(Collection<String> versions, int major, int minor) {
    return versions.stream()
        .map(EtcdVersion::parse)
        .flatMap(Optional::stream)
        .filter(v -> v.major() == major && v.minor() == minor)
        .max(Comparator.naturalOrder());
  }
}

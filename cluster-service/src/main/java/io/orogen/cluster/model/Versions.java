package io.orogen.cluster.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Resolves a requested etcd version ({@code 3.5} or {@code 3.5.16}) against what nodes can run. */
public final class Versions {

  /** Numeric order of {@code x.y.z} releases. */
  public static final Comparator<String> ORDER =
      Comparator.comparing((String v) -> part(v, 0))
          .thenComparing(v -> part(v, 1))
          .thenComparing(v -> part(v, 2));

  private Versions() {}

  /**
   * The exact release {@code requested} means: itself when exact, else the newest patch of that
   * minor among {@code available}.
   */
  public static Optional<String> resolve(String requested, Collection<String> available) {
    String[] parts = requested.split("\\.");
    if (parts.length == 3) {
      return available.contains(requested) ? Optional.of(requested) : Optional.empty();
    }
    String prefix = requested + ".";
    return available.stream().filter(v -> v.startsWith(prefix)).max(ORDER);
  }

  /** Every distinct release, newest first. */
  public static List<String> newestFirst(Collection<String> versions) {
    TreeSet<String> sorted = new TreeSet<>(ORDER.reversed());
    sorted.addAll(versions);
    return List.copyOf(sorted);
  }

  private static int part(String version, int index) {
    String[] parts = version.split("\\.");
    return index < parts.length ? Integer.parseInt(parts[index]) : 0;
  }
}

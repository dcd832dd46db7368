package io.orogen.events;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact etcd release, {@code major.minor.patch}, and Orogen's one rule for ordering releases and
 * for what a requested version ({@code 3.5}, {@code 3.5.16}) means.
 */
public record EtcdVersion(int major, int minor, int patch) implements Comparable<EtcdVersion> {

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Comparator<EtcdVersion> ORDER =
      Comparator.comparingInt(EtcdVersion::major)
          .thenComparingInt(EtcdVersion::minor)
          .thenComparingInt(EtcdVersion::patch);

  /** Reads the first {@code x.y.z} in {@code text}, for example in Debian's {@code 3.4.23-4+b4}. */
  public static EtcdVersion find(String text) {
    return tryFind(text)
        .orElseThrow(() -> new IllegalArgumentException("no etcd version in: " + text));
  }

  /** The first {@code x.y.z} in {@code text}, if there is one. */
  public static Optional<EtcdVersion> tryFind(String text) {
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new EtcdVersion(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /** An exact release {@code x.y.z} as it stands, if {@code text} is one and nothing else. */
  public static Optional<EtcdVersion> parse(String text) {
    return text != null && text.matches(Constraints.EXACT_VERSION)
        ? tryFind(text)
        : Optional.empty();
  }

  /** Whether this release matches {@code spec}: {@code 3.5} matches every 3.5.x. */
  public boolean matches(String spec) {
    String[] parts = spec.split("\\.");
    return switch (parts.length) {
      case 2 -> (major + "." + minor).equals(spec);
      case 3 -> toString().equals(spec);
      default -> false;
    };
  }

  /**
   * The exact release {@code requested} means among {@code available}: itself when exact, else the
   * newest patch of that minor. Entries of {@code available} that are not exact releases are
   * ignored.
   */
  public static Optional<String> resolve(String requested, Collection<String> available) {
    return available.stream()
        .map(EtcdVersion::parse)
        .flatMap(Optional::stream)
        .filter(v -> v.matches(requested))
        .max(Comparator.naturalOrder())
        .map(EtcdVersion::toString);
  }

  /** Every distinct exact release of {@code versions}, newest first; others are left out. */
  public static List<String> newestFirst(Collection<String> versions) {
    TreeSet<EtcdVersion> sorted = new TreeSet<>(Comparator.reverseOrder());
    versions.stream().map(EtcdVersion::parse).flatMap(Optional::stream).forEach(sorted::add);
    return sorted.stream().map(EtcdVersion::toString).toList();
  }

  @Override
  public int compareTo(EtcdVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}

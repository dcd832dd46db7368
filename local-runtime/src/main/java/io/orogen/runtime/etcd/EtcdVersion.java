package io.orogen.runtime.etcd;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An exact etcd release, {@code major.minor.patch}. */
public record EtcdVersion(int major, int minor, int patch) implements Comparable<EtcdVersion> {

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Comparator<EtcdVersion> ORDER =
      Comparator.comparingInt(EtcdVersion::major)
          .thenComparingInt(EtcdVersion::minor)
          .thenComparingInt(EtcdVersion::patch);

  /** Reads the first {@code x.y.z} in {@code text}, for example in Debian's {@code 3.4.23-4+b4}. */
  public static EtcdVersion find(String text) {
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("no etcd version in: " + text);
    }
    return new EtcdVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  /** Whether this release matches {@code spec}: {@code 3.5} matches every 3.5.x. */
  public boolean matches(String spec) {
    String[] parts = spec.split("\\.");
    return switch (parts.length) {
      case 2 -> major == Integer.parseInt(parts[0]) && minor == Integer.parseInt(parts[1]);
      case 3 -> toString().equals(spec);
      default -> false;
    };
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

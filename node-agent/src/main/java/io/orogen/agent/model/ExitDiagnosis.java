package io.orogen.agent.model;

import java.util.List;
import java.util.Locale;

/**
 * Tells a member that cannot run from its data any more from one that merely crashed: a crash is
 * healed by a restart in place, lost data by re-creating the member.
 */
public final class ExitDiagnosis {

  /** What etcd writes when its data, not its process, is the problem. */
  private static final List<String> DATA_ERRORS =
      List.of(
          "wal: crc mismatch",
          "failed to find database snapshot file",
          "failed to recover v3 backend",
          "database file",
          "not a valid bolt file",
          "invalid database",
          "file size too small",
          "member has already been bootstrapped",
          "cluster id mismatch",
          "walpb: crc mismatch",
          "snap: crc mismatch",
          "no such file or directory");

  private ExitDiagnosis() {}

  /**
   * Whether a member whose process exited lost its data.
   *
   * @param hasData whether its data directory still holds etcd's {@code member} directory
   * @param lastLogLines the end of its log
   */
  public static boolean dataLost(boolean hasData, List<String> lastLogLines) {
    if (!hasData) {
      return true;
    }
    return lastLogLines.stream()
        .map(line -> line.toLowerCase(Locale.ROOT))
        .filter(line -> line.contains("\"level\":\"fatal\"") || line.contains("panic"))
        .anyMatch(line -> DATA_ERRORS.stream().anyMatch(line::contains));
  }
}

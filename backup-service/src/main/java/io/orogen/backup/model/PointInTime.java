package io.orogen.backup.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Works out how a cluster's data as of a revision or a time is rebuilt: which full snapshot to
 * start from and which chunks of delta snapshots to replay onto it, or why it cannot be.
 *
 * <ol>
 *   <li>The base is the newest completed full snapshot at or before the target: by revision for a
 *       revision, by completion time for a time. A target before the oldest one is refused.
 *   <li>From the base's revision on, the chunks must follow each other without a gap (a chunk may
 *       repeat revisions the one before it holds; those are skipped when replayed).
 *   <li>The recorded changes must reach the target: a revision no later than the last one recorded
 *       without a gap, a time no later than the recording was known to be current (its cursor's
 *       {@code coveredUntil} when the chunks reach the cursor, else the last chunk's last change).
 * </ol>
 */
public final class PointInTime {

  private PointInTime() {}

  /** A completed full snapshot. */
  public record Full(String id, long revision, Instant completedAt) {}

  /** A chunk of recorded changes: every revision {@code from..to}. */
  public record Chunk(long fromRevision, long toRevision, Instant firstAt, Instant lastAt) {}

  /**
   * Where a cluster's recording stands.
   *
   * @param nextRevision the next revision it records
   * @param coveredUntil every change until then is recorded, or null when not known
   */
  public record Cursor(long nextRevision, Instant coveredUntil) {}

  /** The answer. */
  public sealed interface Plan {}

  /**
   * Restore {@code base} and replay {@code chunks} onto it up to {@code revision} (exact) or, for a
   * time, up to the last change seen at or before {@code time}.
   */
  public record Replay(Full base, List<Chunk> chunks, Long revision, Instant time) implements Plan {

    /** Whether the base alone is the answer. */
    public boolean baseOnly() {
      return chunks.isEmpty();
    }
  }

  /** It cannot be rebuilt; {@code field} of the command is the reason. */
  public record Refused(String field, String reason) implements Plan {}

  /** The plan to rebuild the data as of {@code revision}. */
  public static Plan atRevision(
      List<Full> fulls, List<Chunk> chunks, Optional<Cursor> cursor, long revision) {
    Optional<Full> base =
        fulls.stream()
            .filter(f -> f.revision() <= revision)
            .max(Comparator.comparingLong(Full::revision));
    if (base.isEmpty()) {
      return fulls.stream()
          .min(Comparator.comparingLong(Full::revision))
          .<Plan>map(
              oldest ->
                  new Refused(
                      "atRevision",
                      "is older than the oldest full snapshot (revision "
                          + oldest.revision()
                          + ")"))
          .orElseGet(PointInTime::noFullSnapshot);
    }
    if (base.get().revision() == revision) {
      return new Replay(base.get(), List.of(), revision, null);
    }
    Covered covered = covered(base.get().revision(), chunks, cursor);
    if (revision > covered.revision) {
      return new Refused(
          "atRevision",
          "is newer than the newest change recorded without a gap after backup "
              + base.get().id()
              + " (revision "
              + covered.revision
              + ")");
    }
    List<Chunk> replayed =
        covered.chunks.stream().filter(c -> c.fromRevision() <= revision).toList();
    return new Replay(base.get(), replayed, revision, null);
  }

  /** The plan to rebuild the data as of {@code time}. */
  public static Plan atTime(
      List<Full> fulls, List<Chunk> chunks, Optional<Cursor> cursor, Instant time) {
    Optional<Full> base =
        fulls.stream()
            .filter(f -> !f.completedAt().isAfter(time))
            .max(Comparator.comparingLong(Full::revision));
    if (base.isEmpty()) {
      return fulls.stream()
          .min(Comparator.comparing(Full::completedAt))
          .<Plan>map(
              oldest ->
                  new Refused(
                      "atTime",
                      "is older than the oldest full snapshot (completed "
                          + oldest.completedAt()
                          + ")"))
          .orElseGet(PointInTime::noFullSnapshot);
    }
    Covered covered = covered(base.get().revision(), chunks, cursor);
    Instant until = covered.until != null ? covered.until : base.get().completedAt();
    if (time.isAfter(until)) {
      return new Refused(
          "atTime",
          "is later than the newest point recorded without a gap after backup "
              + base.get().id()
              + " ("
              + until
              + ")");
    }
    List<Chunk> replayed = covered.chunks.stream().filter(c -> !c.firstAt().isAfter(time)).toList();
    return new Replay(base.get(), replayed, null, time);
  }

  private static Refused noFullSnapshot() {
    return new Refused("fromCluster", "has no completed full snapshot to start from");
  }

  private record Covered(long revision, Instant until, List<Chunk> chunks) {}

  /** Step 2 and 3: the chunks that follow {@code from} without a gap, and how far they reach. */
  private static Covered covered(long from, List<Chunk> chunks, Optional<Cursor> cursor) {
    List<Chunk> sorted =
        chunks.stream()
            .filter(c -> c.toRevision() > from)
            .sorted(Comparator.comparingLong(Chunk::fromRevision))
            .toList();
    long reached = from;
    Instant until = null;
    List<Chunk> used = new ArrayList<>();
    for (Chunk chunk : sorted) {
      if (chunk.fromRevision() > reached + 1) {
        break;
      }
      if (chunk.toRevision() > reached) {
        used.add(chunk);
        reached = chunk.toRevision();
        until = chunk.lastAt();
      }
    }
    if (cursor.isPresent()
        && cursor.get().nextRevision() <= reached + 1
        && cursor.get().coveredUntil() != null
        && (until == null || cursor.get().coveredUntil().isAfter(until))) {
      until = cursor.get().coveredUntil();
    }
    return new Covered(reached, until, List.copyOf(used));
  }
}

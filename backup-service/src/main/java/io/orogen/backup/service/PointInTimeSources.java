package io.orogen.backup.service;

import io.orogen.backup.model.BackupState;
import io.orogen.backup.model.PointInTime;
import io.orogen.backup.persistence.BackupEntity;
import io.orogen.backup.persistence.DeltaCursorEntity;
import io.orogen.backup.persistence.DeltaEntity;
import io.orogen.events.backup.BackupTrigger;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What {@link PointInTime} decides on, read from the database in the caller's transaction. */
public final class PointInTimeSources {

  /** {@code backup.verification} of a corrupt backup (BackupRunner's constant). */
  private static final String CORRUPT = "CORRUPT";

  private PointInTimeSources() {}

  /**
   * The plan for {@code cluster} as of {@code atRevision} or {@code atTime}, from {@code baseId}
   * when it is set, else from the cluster's best full snapshot.
   */
  public static Uni<PointInTime.Plan> plan(
      String cluster, String baseId, Long atRevision, Instant atTime) {
    Uni<List<BackupEntity>> fulls =
        baseId != null
            ? BackupEntity.<BackupEntity>findById(baseId)
                .map(b -> b == null || !usable(b) ? List.<BackupEntity>of() : List.of(b))
            : BackupEntity.<BackupEntity>list(
                    "cluster = ?1 and state = ?2 and trigger <> ?3",
                    cluster,
                    BackupState.COMPLETED,
                    BackupTrigger.POINT_IN_TIME)
                .map(all -> all.stream().filter(PointInTimeSources::usable).toList());
    return fulls.flatMap(
        found ->
            DeltaEntity.<DeltaEntity>list("cluster = ?1", cluster)
                .flatMap(
                    chunks ->
                        DeltaCursorEntity.<DeltaCursorEntity>findById(cluster)
                            .map(
                                cursor -> {
                                  List<PointInTime.Full> full =
                                      found.stream()
                                          .map(
                                              b ->
                                                  new PointInTime.Full(
                                                      b.id, b.revision, b.completedAt))
                                          .toList();
                                  List<PointInTime.Chunk> recorded =
                                      chunks.stream()
                                          .map(
                                              d ->
                                                  new PointInTime.Chunk(
                                                      d.fromRevision,
                                                      d.toRevision,
                                                      d.firstAt,
                                                      d.lastAt))
                                          .toList();
                                  Optional<PointInTime.Cursor> at =
                                      Optional.ofNullable(cursor)
                                          .map(
                                              c ->
                                                  new PointInTime.Cursor(
                                                      c.nextRevision, c.coveredUntil));
                                  return atRevision != null
                                      ? PointInTime.atRevision(full, recorded, at, atRevision)
                                      : PointInTime.atTime(full, recorded, at, atTime);
                                })));
  }

  /** The plan of point-in-time backup {@code backup} (built from its base to its target). */
  public static Uni<PointInTime.Plan> plan(BackupEntity backup) {
    return plan(backup.cluster, backup.baseBackupId, backup.targetRevision, backup.targetTime);
  }

  private static boolean usable(BackupEntity b) {
    return b.state == BackupState.COMPLETED
        && b.trigger != BackupTrigger.POINT_IN_TIME
        && b.revision != null
        && b.completedAt != null
        && !CORRUPT.equals(b.verification);
  }
}

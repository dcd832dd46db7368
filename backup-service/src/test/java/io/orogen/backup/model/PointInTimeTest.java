package io.orogen.backup.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.backup.model.PointInTime.Chunk;
import io.orogen.backup.model.PointInTime.Cursor;
import io.orogen.backup.model.PointInTime.Full;
import io.orogen.backup.model.PointInTime.Refused;
import io.orogen.backup.model.PointInTime.Replay;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PointInTimeTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Full FIRST = new Full("a", 100, T0);
  private static final Full SECOND = new Full("b", 200, T0.plusSeconds(600));
  private static final Chunk C1 = new Chunk(101, 150, T0.plusSeconds(10), T0.plusSeconds(60));
  private static final Chunk C2 = new Chunk(151, 220, T0.plusSeconds(70), T0.plusSeconds(700));
  private static final Chunk C3 = new Chunk(221, 230, T0.plusSeconds(710), T0.plusSeconds(720));

  @Test
  void aRevisionStartsFromTheNewestFullSnapshotAtOrBeforeItAndReplaysTheChunksUpToIt() {
    Replay plan =
        (Replay) PointInTime.atRevision(List.of(FIRST, SECOND), List.of(C3, C1, C2), cursor(), 160);
    assertThat(plan.base()).isEqualTo(FIRST);
    assertThat(plan.chunks()).containsExactly(C1, C2);
    assertThat(plan.revision()).isEqualTo(160);

    Replay later =
        (Replay) PointInTime.atRevision(List.of(FIRST, SECOND), List.of(C1, C2, C3), cursor(), 225);
    assertThat(later.base()).isEqualTo(SECOND);
    assertThat(later.chunks()).containsExactly(C2, C3);
  }

  @Test
  void aFullSnapshotsOwnRevisionNeedsNoReplay() {
    Replay plan = (Replay) PointInTime.atRevision(List.of(FIRST), List.of(C1), cursor(), 100);
    assertThat(plan.baseOnly()).isTrue();
  }

  @Test
  void aRevisionBeforeTheOldestFullSnapshotIsRefusedNamingTheField() {
    Refused refused = (Refused) PointInTime.atRevision(List.of(FIRST), List.of(C1), cursor(), 99);
    assertThat(refused.field()).isEqualTo("atRevision");
    assertThat(refused.reason()).contains("older than the oldest full snapshot (revision 100)");
  }

  @Test
  void aGapInTheChunksEndsWhatCanBeRebuilt() {
    Refused refused =
        (Refused) PointInTime.atRevision(List.of(FIRST), List.of(C1, C3), cursor(), 225);
    assertThat(refused.field()).isEqualTo("atRevision");
    assertThat(refused.reason()).contains("(revision 150)");
    assertThat(PointInTime.atRevision(List.of(FIRST), List.of(C1, C3), cursor(), 150))
        .isInstanceOf(Replay.class);
  }

  @Test
  void withoutAnyFullSnapshotNothingCanBeRebuilt() {
    assertThat(PointInTime.atRevision(List.of(), List.of(C1), cursor(), 120))
        .isEqualTo(new Refused("fromCluster", "has no completed full snapshot to start from"));
  }

  @Test
  void aTimeReplaysTheChunksBegunByThenAndReachesAsFarAsTheCursorIsCurrent() {
    Replay plan =
        (Replay)
            PointInTime.atTime(
                List.of(FIRST, SECOND), List.of(C1, C2, C3), cursor(), T0.plusSeconds(65));
    assertThat(plan.base()).isEqualTo(FIRST);
    assertThat(plan.chunks()).containsExactly(C1);
    assertThat(plan.time()).isEqualTo(T0.plusSeconds(65));

    // The cursor follows the last chunk: quiet since, covered until the cursor says.
    Optional<Cursor> current = Optional.of(new Cursor(231, T0.plusSeconds(900)));
    assertThat(
            PointInTime.atTime(List.of(FIRST), List.of(C1, C2, C3), current, T0.plusSeconds(850)))
        .isInstanceOf(Replay.class);
    Refused refused =
        (Refused)
            PointInTime.atTime(List.of(FIRST), List.of(C1, C2, C3), current, T0.plusSeconds(901));
    assertThat(refused.field()).isEqualTo("atTime");
  }

  @Test
  void aCursorAfterAGapCoversNothingBeforeIt() {
    Optional<Cursor> afterGap = Optional.of(new Cursor(500, T0.plusSeconds(900)));
    Refused refused =
        (Refused) PointInTime.atTime(List.of(FIRST), List.of(C1), afterGap, T0.plusSeconds(120));
    assertThat(refused.reason()).contains(T0.plusSeconds(60).toString());
  }

  @Test
  void aTimeBeforeTheOldestFullSnapshotIsRefused() {
    Refused refused =
        (Refused) PointInTime.atTime(List.of(FIRST), List.of(), cursor(), T0.minusSeconds(1));
    assertThat(refused.field()).isEqualTo("atTime");
    assertThat(refused.reason()).contains("older than the oldest full snapshot");
  }

  private static Optional<Cursor> cursor() {
    return Optional.empty();
  }
}

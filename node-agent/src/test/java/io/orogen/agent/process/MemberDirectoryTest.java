package io.orogen.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberDirectoryTest {

  @TempDir Path root;

  @Test
  void theTailOfAHugeLogIsReadFromItsEndOnly() throws IOException {
    MemberDirectory dir = new MemberDirectory(root, "c", "c-1");
    Files.createDirectories(dir.path());
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 200_000; i++) {
      log.append("line ").append(i).append('\n');
    }
    Files.writeString(dir.log(), log);
    assertThat(dir.logTail(3)).containsExactly("line 199998", "line 199999", "line 200000");
  }

  @Test
  void aLogOverItsCapIsKeptAsideAndEmptiedAndWritingGoesOn() throws IOException {
    MemberDirectory dir = new MemberDirectory(root, "c", "c-1");
    Files.createDirectories(dir.path());
    Files.writeString(dir.log(), "x".repeat(2000));
    assertThat(dir.capLog(1000)).isTrue();
    assertThat(Files.size(dir.log())).isZero();
    assertThat(Files.size(dir.path().resolve("etcd.log.1"))).isEqualTo(2000);
    Files.writeString(dir.log(), "after\n", StandardOpenOption.APPEND);
    assertThat(dir.logTail(5)).containsExactly("after");
    assertThat(dir.capLog(1000)).isFalse();
  }

  @Test
  void aMissingLogHasNoTail() {
    assertThat(new MemberDirectory(root, "c", "c-2").logTail(5)).isEmpty();
  }
}

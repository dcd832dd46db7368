package io.orogen.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  static final List<String> AVAILABLE = List.of("3.5.9", "3.5.30", "3.4.23", "3.5.16");

  @Test
  void minorResolvesToItsNewestPatchNumerically() {
    assertThat(Versions.resolve("3.5", AVAILABLE)).contains("3.5.30");
    assertThat(Versions.resolve("3.4", AVAILABLE)).contains("3.4.23");
    assertThat(Versions.resolve("3.6", AVAILABLE)).isEmpty();
  }

  @Test
  void exactVersionMustBeAvailable() {
    assertThat(Versions.resolve("3.5.16", AVAILABLE)).contains("3.5.16");
    assertThat(Versions.resolve("3.5.17", AVAILABLE)).isEmpty();
  }

  @Test
  void listsNewestFirst() {
    assertThat(Versions.newestFirst(AVAILABLE))
        .containsExactly("3.5.30", "3.5.16", "3.5.9", "3.4.23");
  }
}

package io.orogen.kit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTest {

  @Test
  void aLongStringIsCutAndSaysHowMuchWasLeftOut() {
    String cut = Bounded.text("x".repeat(600_000), 200);
    assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith("…(599800 more characters)");
  }

  @Test
  void controlCharactersAndLoneSurrogatesAreReplaced() {
    assertThat(Bounded.id("a\u0000b\u001b[31m")).isEqualTo("a\uFFFDb\uFFFD[31m");
    assertThat(Bounded.id("a\uD800b")).isEqualTo("a\uFFFDb");
    assertThat(Bounded.id("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String text = "a".repeat(169) + "\uD83D\uDE00" + "b".repeat(100);
    assertThat(Bounded.text(text, 200)).doesNotContain("\uFFFD");
  }

  @Test
  void cleanIdsAreShortPrintableAndNotBlank() {
    assertThat(Bounded.isCleanId("06fc-1", 200)).isTrue();
    assertThat(Bounded.isCleanId(null, 200)).isFalse();
    assertThat(Bounded.isCleanId(" ", 200)).isFalse();
    assertThat(Bounded.isCleanId("a\u0000", 200)).isFalse();
    assertThat(Bounded.isCleanId("x".repeat(201), 200)).isFalse();
    assertThat(Bounded.text(null, 10)).isNull();
  }
}

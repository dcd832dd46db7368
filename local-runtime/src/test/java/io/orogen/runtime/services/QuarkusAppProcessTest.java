package io.orogen.runtime.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuarkusAppProcessTest {

  @Test
  void theNativeHeapIsTrimmedOnlyByJvmsThatHaveTheOption() {
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("17.0.15+6"))).isTrue();
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("19.0.2"))).isFalse();
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
    assertThat(QuarkusAppProcess.trimsNativeHeap(Runtime.Version.parse("25"))).isTrue();
  }
}

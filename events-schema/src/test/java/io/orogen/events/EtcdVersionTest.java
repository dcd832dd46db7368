package io.orogen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdVersionTest {

  @Test
  void readsTheReleaseOutOfDebianAndEtcdVersionStrings() {
    assertThat(EtcdVersion.find("3.4.23-4+b4")).isEqualTo(new EtcdVersion(3, 4, 23));
    assertThat(EtcdVersion.find("etcd Version: 3.5.16")).isEqualTo(new EtcdVersion(3, 5, 16));
    assertThatThrownBy(() -> EtcdVersion.find("etcd")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersNumericallyNotAlphabetically() {
    List<EtcdVersion> sorted =
        List.of(
                EtcdVersion.find("3.5.9"),
                EtcdVersion.find("3.10.0"),
                EtcdVersion.find("3.5.16"),
                EtcdVersion.find("3.4.23"))
            .stream()
            .sorted()
            .toList();
    assertThat(sorted)
        .map(EtcdVersion::toString)
        .containsExactly("3.4.23", "3.5.9", "3.5.16", "3.10.0");
  }

  @Test
  void minorSpecMatchesEveryPatch() {
    EtcdVersion version = EtcdVersion.find("3.5.16");
    assertThat(version.matches("3.5")).isTrue();
    assertThat(version.matches("3.5.16")).isTrue();
    assertThat(version.matches("3.5.1")).isFalse();
    assertThat(version.matches("3.4")).isFalse();
    assertThat(version.matches("3")).isFalse();
  }

  static final List<String> AVAILABLE = List.of("3.5.9", "3.5.30", "3.4.23", "3.5.16");

  @Test
  void minorResolvesToItsNewestPatchNumerically() {
    assertThat(EtcdVersion.resolve("3.5", AVAILABLE)).contains("3.5.30");
    assertThat(EtcdVersion.resolve("3.4", AVAILABLE)).contains("3.4.23");
    assertThat(EtcdVersion.resolve("3.6", AVAILABLE)).isEmpty();
  }

  @Test
  void exactVersionMustBeAvailable() {
    assertThat(EtcdVersion.resolve("3.5.16", AVAILABLE)).contains("3.5.16");
    assertThat(EtcdVersion.resolve("3.5.17", AVAILABLE)).isEmpty();
  }

  @Test
  void listsNewestFirst() {
    assertThat(EtcdVersion.newestFirst(AVAILABLE))
        .containsExactly("3.5.30", "3.5.16", "3.5.9", "3.4.23");
  }

  @Test
  void anythingButAnExactReleaseIsLeftOut() {
    assertThat(EtcdVersion.resolve("3.5", List.of("3.5.x", "3.5.2"))).contains("3.5.2");
    assertThat(EtcdVersion.newestFirst(List.of("3.5.x", "junk", "3.4.1"))).containsExactly("3.4.1");
  }
}

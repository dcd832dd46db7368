package io.orogen.runtime.etcd;

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
}

package io.orogen.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradePathTest {

  @Test
  void patchReleasesGoEitherWayWithinAMinor() {
    assertThat(UpgradePath.refusal("3.5.16", "3.5.30")).isEmpty();
    assertThat(UpgradePath.refusal("3.5.30", "3.5.16")).isEmpty();
  }

  @Test
  void minorsGoUpOneAtATimeAndNeverDown() {
    assertThat(UpgradePath.refusal("3.4.23", "3.5.16")).isEmpty();
    assertThat(UpgradePath.refusal("3.4.23", "3.6.0"))
        .get()
        .asString()
        .contains("skips a minor")
        .contains("go to 3.5 first");
    assertThat(UpgradePath.refusal("3.5.16", "3.4.23"))
        .get()
        .asString()
        .contains("downgrade of the minor");
    assertThat(UpgradePath.refusal("3.5.16", "4.0.0")).get().asString().contains("major");
    assertThat(UpgradePath.refusal("3.5.16", "3.5.16")).get().asString().contains("already");
  }

  @Test
  void upgradedMembersGoBackWithinAMinorOrWhileOneStillRunsTheOldMinor() {
    assertThat(UpgradePath.rollbackAllowed("3.5.16", "3.5.30", true)).isTrue();
    assertThat(UpgradePath.rollbackAllowed("3.4.23", "3.5.16", false)).isTrue();
    assertThat(UpgradePath.rollbackAllowed("3.4.23", "3.5.16", true)).isFalse();
  }

  @Test
  void theCatalogSaysWhyAReleaseIsNotAllowed() {
    Map<String, List<String>> nodes =
        Map.of(
            "node-1", List.of("3.5.30", "3.5.16", "3.4.23"),
            "node-2", List.of("3.5.30", "3.5.16", "3.4.23"),
            "node-3", List.of("3.5.16", "3.4.23"),
            "node-4", List.of("3.6.0"));
    List<UpgradePath.Option> options =
        UpgradePath.catalog(
            "3.4.23",
            List.of("3.6.0", "3.5.30", "3.5.16", "3.4.23"),
            List.of("node-1", "node-2", "node-3"),
            nodes);
    assertThat(options)
        .extracting(UpgradePath.Option::version)
        .containsExactly("3.6.0", "3.5.30", "3.5.16", "3.4.23");
    assertThat(options.get(0).reason()).contains("skips a minor");
    assertThat(options.get(1).allowed()).isFalse();
    assertThat(options.get(1).reason()).isEqualTo("not installed on node-3");
    assertThat(options.get(2).allowed()).isTrue();
    assertThat(options.get(3).reason()).contains("already");
  }
}

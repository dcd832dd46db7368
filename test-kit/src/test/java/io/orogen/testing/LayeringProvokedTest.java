package io.orogen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The layering check fails when provoked, on classes made to break it. */
class LayeringProvokedTest {

  @Test
  void aPackageCycleFails() {
    String root = "io.orogen.testing.layering.cyclic";
    assertThat(Layering.violations(root, imported(root)))
        .anySatisfy(v -> assertThat(v).contains("Cycle detected"));
  }

  @Test
  void modelCodeThatDoesIoFails() {
    String root = "io.orogen.testing.layering";
    assertThat(Layering.violations(root, imported(root + ".model")))
        .anySatisfy(v -> assertThat(v).contains("Decision").contains("org.apache.kafka"));
  }

  @Test
  void cleanLayersPass() {
    String root = "io.orogen.testing.layering.clean";
    assertThat(Layering.violations(root, imported(root))).isEmpty();
  }

  private static JavaClasses imported(String pkg) {
    return new ClassFileImporter().importPackages(pkg);
  }
}

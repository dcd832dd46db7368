package io.orogen.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/**
 * The layering every Orogen module keeps, checked by each module's {@code LayeringTest} on its own
 * production classes (../shared/CONVENTIONS.md, rules 1 and 12):
 *
 * <ol>
 *   <li>No package cycle: the packages right under the module's root depend on each other in one
 *       direction only.
 *   <li>{@code model} packages hold pure decisions: they use no I/O (Kafka, SmallRye Messaging,
 *       Hibernate and JPA, Vert.x, jetcd, gRPC, fabric8, JAX-RS) and no CDI.
 * </ol>
 */
public final class Layering {

  /** What a model package must not touch. */
  static final String[] IO =
      List.of(
              "org.apache.kafka..",
              "io.smallrye.reactive.messaging..",
              "org.hibernate..",
              "io.quarkus..",
              "jakarta.persistence..",
              "jakarta.ws.rs..",
              "jakarta.enterprise..",
              "io.vertx..",
              "io.etcd..",
              "io.grpc..",
              "io.fabric8..")
          .toArray(String[]::new);

  private Layering() {}

  /** The rules for the module whose classes live under {@code rootPackage}. */
  public static List<ArchRule> rules(String rootPackage) {
    return List.of(
        slices()
            .matching(rootPackage + ".(*)..")
            .should()
            .beFreeOfCycles()
            .as("packages under " + rootPackage + " depend on each other in one direction only"),
        noClasses()
            .that()
            .resideInAPackage("..model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IO)
            .allowEmptyShould(true)
            .as("model code under " + rootPackage + " does no I/O"));
  }

  /** The production classes under {@code rootPackage} (tests and jars left out). */
  public static JavaClasses productionClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(rootPackage);
  }

  /** Every violation of the rules in {@code classes}, one line each; empty when there is none. */
  public static List<String> violations(String rootPackage, JavaClasses classes) {
    return rules(rootPackage).stream()
        .map(rule -> rule.evaluate(classes))
        .filter(EvaluationResult::hasViolation)
        .flatMap(result -> result.getFailureReport().getDetails().stream())
        .toList();
  }

  /** Fails with every violation, for a module's {@code LayeringTest}. */
  public static void check(String rootPackage) {
    JavaClasses classes = productionClasses(rootPackage);
    if (classes.isEmpty()) {
      throw new AssertionError("no classes under " + rootPackage);
    }
    List<String> violations = violations(rootPackage, classes);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "layering of " + rootPackage + " broken:\n  " + String.join("\n  ", violations));
    }
  }
}

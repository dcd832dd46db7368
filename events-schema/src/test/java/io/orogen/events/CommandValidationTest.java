package io.orogen.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.Provider;
import io.orogen.events.cluster.ScaleCluster;
import io.orogen.events.node.InitialClusterState;
import io.orogen.events.node.StartMember;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The constraints on the commands, as any Bean Validation implementation applies them. */
class CommandValidationTest {

  static ValidatorFactory factory;
  static Validator validator;

  @BeforeAll
  static void validator() {
    factory =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void validCreateClusterPasses() {
    assertThat(errors(new CreateCluster("orders-prod", 3, "3.5", null))).isEmpty();
    assertThat(errors(new CreateCluster("a", 7, "3.5.16", Provider.KUBERNETES))).isEmpty();
  }

  @Test
  void nameMustBeADns1123LabelOfAtMost63Characters() {
    assertThat(fields(new CreateCluster("Orders", 3, "3.5", null))).containsExactly("name");
    assertThat(fields(new CreateCluster("-orders", 3, "3.5", null))).containsExactly("name");
    assertThat(fields(new CreateCluster("a".repeat(64), 3, "3.5", null))).containsExactly("name");
    assertThat(errors(new CreateCluster("orders_prod", 3, "3.5", null)))
        .extracting(FieldError::message)
        .singleElement()
        .asString()
        .contains("DNS-1123 label");
  }

  @Test
  void sizeMustBeOddAndAtMostSeven() {
    for (int size : new int[] {0, 2, 4, 9}) {
      assertThat(errors(new CreateCluster("c", size, "3.5", null)))
          .containsExactly(new FieldError("size", "must be one of [1, 3, 5, 7]"));
    }
    assertThat(fields(new ScaleCluster("c", 6))).containsExactly("size");
  }

  @Test
  void versionMustBeSemanticOrMajorMinor() {
    assertThat(fields(new CreateCluster("c", 3, "latest", null))).containsExactly("version");
    assertThat(fields(new CreateCluster("c", 3, "3", null))).containsExactly("version");
    assertThat(fields(new CreateCluster("c", 3, "v3.5.1", null))).containsExactly("version");
  }

  @Test
  void missingFieldsAreNamed() {
    assertThat(fields(new CreateCluster(null, null, null, null)))
        .containsExactlyInAnyOrder("name", "size", "version");
  }

  @Test
  void startMemberNeedsAnExactVersionAndAnInitialCluster() {
    StartMember valid =
        new StartMember(
            "node-1",
            "orders",
            "orders-1",
            "3.5.16",
            "orders-token",
            Map.of("orders-1", "http://10.0.0.1:2380"),
            InitialClusterState.NEW,
            null,
            null);
    assertThat(errors(valid)).isEmpty();

    StartMember invalid =
        new StartMember(
            "Node_1",
            "orders",
            "orders-1",
            "3.5",
            "",
            Map.of(),
            InitialClusterState.NEW,
            70000,
            null);
    assertThat(fields(invalid))
        .containsExactlyInAnyOrder("node", "version", "clusterToken", "initialCluster", "peerPort");
  }

  private static List<FieldError> errors(Object command) {
    return validator.validate(command).stream().map(FieldError::of).toList();
  }

  private static List<String> fields(Object command) {
    return errors(command).stream().map(FieldError::field).toList();
  }
}

package io.orogen.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractTest {

  @Test
  void typesFollowTheNamingRuleAndAreUnique() {
    Set<String> types = new HashSet<>();
    for (Contract.Entry entry : Contract.entries()) {
      assertThat(entry.ceType())
          .matches(
              "io\\.orogen\\.(cluster|node|backup|upgrade|nodeupdate)\\.[A-Z][A-Za-z]+\\.v\\d+");
      assertThat(types.add(entry.ceType())).as("duplicate %s", entry.ceType()).isTrue();
      assertThat(entry.topic()).matches("orogen\\.[a-z]+\\.(commands|events)");
    }
    assertThat(Contract.byType("io.orogen.cluster.CreateCluster.v1"))
        .get()
        .extracting(Contract.Entry::topic)
        .isEqualTo(Topics.CLUSTER_COMMANDS);
  }

  @Test
  void topicConstantsMatchTheDomains() {
    assertThat(Domain.CLUSTER.commandsTopic()).isEqualTo(Topics.CLUSTER_COMMANDS);
    assertThat(Domain.NODE.eventsTopic()).isEqualTo(Topics.NODE_EVENTS);
    assertThat(Domain.NODEUPDATE.eventsTopic()).isEqualTo(Topics.NODEUPDATE_EVENTS);
    assertThat(Topics.dlq(Topics.CLUSTER_COMMANDS)).isEqualTo("orogen.cluster.commands.dlq");
  }

  @Test
  void everyDomainAnswersCommandsWithCommandRejected() {
    Contract.entries().stream()
        .filter(e -> e.kind() == Contract.Kind.COMMAND)
        .map(Contract.Entry::domain)
        .distinct()
        .forEach(
            domain ->
                assertThat(Contract.of(domain, CommandRejected.class).ceType())
                    .isEqualTo("io.orogen." + domain.id() + ".CommandRejected.v1"));
  }

  @Test
  void everyCommandFieldIsConstrained() throws NoSuchFieldException {
    List<String> unconstrained = new ArrayList<>();
    for (Contract.Entry entry : Contract.entries()) {
      if (entry.kind() != Contract.Kind.COMMAND) {
        continue;
      }
      assertThat(entry.payload().isRecord()).isTrue();
      for (RecordComponent component : entry.payload().getRecordComponents()) {
        // An optional enum or Boolean is constrained by its type: strict JSON rejects other values.
        boolean optionalEnum = component.getType().isEnum() || component.getType() == Boolean.class;
        boolean constrained =
            // Constraints reach the record's fields, where Bean Validation reads them.
            Arrays.stream(entry.payload().getDeclaredField(component.getName()).getAnnotations())
                .anyMatch(
                    a ->
                        a.annotationType().getPackageName().startsWith("jakarta.validation")
                            || a.annotationType()
                                .isAnnotationPresent(jakarta.validation.Constraint.class));
        if (!constrained && !optionalEnum) {
          unconstrained.add(entry.name() + "." + component.getName());
        }
      }
    }
    assertThat(unconstrained).isEmpty();
  }
}

package io.orogen.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in contract is what the records make, and published payloads did not break. */
class ContractFilesTest {

  static final Path CHECKED_IN = Path.of("contract");
  static final String REGENERATE =
      "\nRegenerate with: ./mvnw -pl events-schema -am -Pcontract process-test-classes";

  @Test
  void checkedInContractIsCurrent() {
    Map<String, String> generated = ContractGenerator.generate();

    assertThat(ContractGenerator.differences(CHECKED_IN, generated))
        .as("contract files that differ from the records" + REGENERATE)
        .isEmpty();
  }

  @Test
  void publishedPayloadsStayCompatible() {
    Map<String, String> generated = ContractGenerator.generate();

    assertThat(ContractGenerator.breakingChanges(CHECKED_IN, generated))
        .as("breaking changes to published payloads; make a new major version instead")
        .isEmpty();
  }
}

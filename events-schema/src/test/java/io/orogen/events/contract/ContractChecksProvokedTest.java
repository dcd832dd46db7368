package io.orogen.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staleness and compatibility checks fail when a change provokes them. */
class ContractChecksProvokedTest {

  private static final String CREATE_CLUSTER = "schemas/cluster/CreateCluster.v1.json";

  // A published payload and the ways a later change could alter it.
  record Member(String name, Role role) {}

  enum Role {
    LEADER,
    FOLLOWER
  }

  record Published(@NotNull String name, Integer size, List<Member> members) {}

  record FieldRemoved(@NotNull String name, List<Member> members) {}

  record FieldRetyped(@NotNull String name, String size, List<Member> members) {}

  record FieldNowRequired(@NotNull String name, @NotNull Integer size, List<Member> members) {}

  record NestedFieldRemoved(@NotNull String name, Integer size, List<NarrowMember> members) {}

  record NarrowMember(String name) {}

  record EnumValueRemoved(@NotNull String name, Integer size, List<LeaderOnlyMember> members) {}

  record LeaderOnlyMember(String name, LeaderOnly role) {}

  enum LeaderOnly {
    LEADER
  }

  record OptionalFieldAdded(
      @NotNull String name, Integer size, List<Member> members, String zone) {}

  @TempDir Path dir;

  @Test
  void removedFieldBreaks() {
    assertThat(breaking(FieldRemoved.class)).containsExactly("$.size: removed");
  }

  @Test
  void retypedFieldBreaks() {
    assertThat(breaking(FieldRetyped.class)).containsExactly("$.size: type integer became string");
  }

  @Test
  void newlyRequiredFieldBreaks() {
    assertThat(breaking(FieldNowRequired.class)).containsExactly("$.size: newly required");
  }

  @Test
  void changesInsideNestedObjectsBreak() {
    assertThat(breaking(NestedFieldRemoved.class)).containsExactly("$.members[].role: removed");
    assertThat(breaking(EnumValueRemoved.class))
        .containsExactly("$.members[].role: enum value FOLLOWER removed");
  }

  @Test
  void addedOptionalFieldIsCompatible() {
    assertThat(breaking(OptionalFieldAdded.class)).isEmpty();
  }

  @Test
  void stalenessCheckFailsOnAnEditedMissingOrOrphanedFile() throws IOException {
    Map<String, String> generated = ContractGenerator.generate();
    write(generated);
    assertThat(ContractGenerator.differences(dir, generated)).isEmpty();

    Files.writeString(dir.resolve(CREATE_CLUSTER), generated.get(CREATE_CLUSTER) + " ");
    Files.delete(dir.resolve(ContractGenerator.ASYNCAPI));
    Files.writeString(dir.resolve("schemas/cluster/Gone.v1.json"), "{}");

    assertThat(ContractGenerator.differences(dir, generated))
        .containsExactlyInAnyOrder(
            CREATE_CLUSTER + ": stale",
            "asyncapi.yaml: missing",
            "schemas/cluster/Gone.v1.json: no payload makes it any more");
  }

  @Test
  void compatibilityCheckFailsWhenAPublishedFieldIsGoneFromTheRecord() throws IOException {
    Map<String, String> generated = ContractGenerator.generate();
    write(generated);
    // Pretend the published CreateCluster had a field "zone" that the record no longer has.
    ObjectMapper json = new ObjectMapper();
    ObjectNode published = (ObjectNode) json.readTree(generated.get(CREATE_CLUSTER));
    ((ObjectNode) published.get("properties")).putObject("zone").put("type", "string");
    Files.writeString(dir.resolve(CREATE_CLUSTER), json.writeValueAsString(published));
    Files.writeString(dir.resolve("schemas/cluster/Gone.v1.json"), "{}");

    assertThat(ContractGenerator.breakingChanges(dir, generated))
        .containsExactlyInAnyOrder(
            CREATE_CLUSTER + " $.zone: removed",
            "schemas/cluster/Gone.v1.json: removed from the contract");
  }

  private static List<String> breaking(Class<?> changed) {
    return SchemaCompatibility.breakingChanges(
        ContractGenerator.schemaOf(Published.class), ContractGenerator.schemaOf(changed));
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}

package io.orogen.events.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a new JSON Schema of a published payload version still serves the consumers and
 * producers of the old one. Breaking: a field removed, a field's type changed, a field newly
 * required, an enum value removed. Adding an optional field is fine.
 *
 * <ol>
 *   <li>Resolve {@code $ref}s to {@code $defs} in each document.
 *   <li>Compare the types; if they differ, report and stop descending.
 *   <li>For objects: every old property must still exist, compared recursively; no property may
 *       have become required.
 *   <li>For arrays and maps: compare the item and value schemas.
 *   <li>For enums: every old value must still exist.
 * </ol>
 */
final class SchemaCompatibility {

  private SchemaCompatibility() {}

  /** The breaking changes from {@code published} to {@code current}; empty when compatible. */
  static List<String> breakingChanges(JsonNode published, JsonNode current) {
    List<String> problems = new ArrayList<>();
    compare("$", published, published, current, current, problems, new HashSet<>());
    return problems;
  }

  private static void compare(
      String path,
      JsonNode oldNode,
      JsonNode oldRoot,
      JsonNode newNode,
      JsonNode newRoot,
      List<String> problems,
      Set<String> visited) {
    if (!visited.add(path)) {
      return;
    }
    JsonNode old = resolve(oldNode, oldRoot);
    JsonNode now = resolve(newNode, newRoot);
    String oldType = typeOf(old);
    String newType = typeOf(now);
    if (!oldType.equals(newType)) {
      problems.add(path + ": type " + oldType + " became " + newType);
      return;
    }
    JsonNode oldProperties = old.path("properties");
    JsonNode newProperties = now.path("properties");
    oldProperties
        .fieldNames()
        .forEachRemaining(
            name -> {
              String fieldPath = path + "." + name;
              if (!newProperties.has(name)) {
                problems.add(fieldPath + ": removed");
              } else {
                compare(
                    fieldPath,
                    oldProperties.get(name),
                    oldRoot,
                    newProperties.get(name),
                    newRoot,
                    problems,
                    visited);
              }
            });
    Set<String> oldRequired = texts(old.path("required"));
    for (String name : texts(now.path("required"))) {
      if (!oldRequired.contains(name)) {
        problems.add(path + "." + name + ": newly required");
      }
    }
    if (old.has("items") && now.has("items")) {
      compare(path + "[]", old.get("items"), oldRoot, now.get("items"), newRoot, problems, visited);
    }
    if (old.path("additionalProperties").isObject()
        && now.path("additionalProperties").isObject()) {
      compare(
          path + "{}",
          old.get("additionalProperties"),
          oldRoot,
          now.get("additionalProperties"),
          newRoot,
          problems,
          visited);
    }
    if (old.has("enum") || old.has("const")) {
      Set<String> newValues = allowedValues(now);
      for (String value : allowedValues(old)) {
        if (!newValues.contains(value)) {
          problems.add(path + ": enum value " + value + " removed");
        }
      }
    }
  }

  private static JsonNode resolve(JsonNode node, JsonNode root) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
      String ref = current.get("$ref").asText();
      current = ref.equals("#") ? root : root.at(ref.substring(1));
    }
    return current;
  }

  private static String typeOf(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : "any";
    }
    return type.isArray() ? type.toString() : type.asText();
  }

  /** The values an enum allows; a one-value enum is written as {@code const}. */
  private static Set<String> allowedValues(JsonNode schema) {
    Set<String> values = texts(schema.path("enum"));
    if (schema.has("const")) {
      values.add(schema.get("const").asText());
    }
    return values;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new HashSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}

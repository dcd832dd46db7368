package io.orogen.events.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import io.orogen.events.Contract;
import io.orogen.events.Domain;
import io.orogen.events.OneOf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Makes the checked-in contract files from the payload records: one JSON Schema per payload type
 * under {@code schemas/<domain>/<Name>.v<major>.json} and the AsyncAPI 3.0 document {@code
 * asyncapi.yaml}.
 *
 * <p>{@code main} rewrites {@code events-schema/contract/} (run it through {@code ./mvnw -pl
 * events-schema -am -Pcontract process-test-classes}); it refuses to when a published schema would
 * change incompatibly. The tests compare the checked-in files with what this class makes.
 */
public final class ContractGenerator {

  static final String SCHEMAS = "schemas";
  static final String ASYNCAPI = "asyncapi.yaml";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private ContractGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "contract");
    Map<String, String> files = generate();
    List<String> breaking = breakingChanges(dir, files);
    if (!breaking.isEmpty()) {
      System.err.println("Refusing to rewrite the contract: published payloads would break.");
      breaking.forEach(problem -> System.err.println("  " + problem));
      System.err.println("Make a new major version (a new record, @ContractType(version = 2)).");
      System.exit(1);
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    System.out.println("Wrote " + files.size() + " contract files to " + dir.toAbsolutePath());
  }

  /** Every contract file, by its path relative to the contract directory. */
  static Map<String, String> generate() {
    Map<String, String> files = new TreeMap<>();
    SchemaGenerator generator = schemaGenerator();
    for (Contract.Entry entry : Contract.entries()) {
      ObjectNode schema = generator.generateSchema(entry.payload());
      ObjectNode ordered = JSON.createObjectNode();
      ordered.put("$schema", schema.path("$schema").asText());
      ordered.put("title", entry.ceType());
      ordered.put("description", entry.description());
      schema.remove(List.of("$schema", "title", "description"));
      ordered.setAll(schema);
      files.put(schemaPath(entry), json(ordered));
    }
    files.put(ASYNCAPI, yaml(asyncApi()));
    return files;
  }

  /** The JSON Schema of any class, made the way the contract's schemas are. */
  static JsonNode schemaOf(Class<?> type) {
    return schemaGenerator().generateSchema(type);
  }

  /** What differs between the files in {@code dir} and {@code expected}: stale, missing, extra. */
  static List<String> differences(Path dir, Map<String, String> expected) {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> file : expected.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (!Files.exists(path)) {
        differences.add(file.getKey() + ": missing");
      } else if (!read(path).equals(file.getValue())) {
        differences.add(file.getKey() + ": stale");
      }
    }
    for (String existing : existingSchemas(dir)) {
      if (!expected.containsKey(existing)) {
        differences.add(existing + ": no payload makes it any more");
      }
    }
    return differences;
  }

  /**
   * Breaking changes of the schemas in {@code files} against those published in {@code dir}. A
   * published schema whose type is gone breaks its consumers too.
   */
  static List<String> breakingChanges(Path dir, Map<String, String> files) {
    List<String> problems = new ArrayList<>();
    for (String published : existingSchemas(dir)) {
      String current = files.get(published);
      if (current == null) {
        problems.add(published + ": removed from the contract");
        continue;
      }
      try {
        JsonNode old = JSON.readTree(read(dir.resolve(published)));
        JsonNode now = JSON.readTree(current);
        SchemaCompatibility.breakingChanges(old, now)
            .forEach(problem -> problems.add(published + " " + problem));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return problems;
  }

  static String schemaPath(Contract.Entry entry) {
    return SCHEMAS
        + "/"
        + entry.domain().id()
        + "/"
        + entry.name()
        + ".v"
        + entry.version()
        + ".json";
  }

  private static SchemaGenerator schemaGenerator() {
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
            .with(
                new JakartaValidationModule(
                    JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                    JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
    builder
        .forFields()
        .withEnumResolver(
            field -> {
              OneOf oneOf = field.getAnnotationConsideringFieldAndGetter(OneOf.class);
              return oneOf == null ? null : Arrays.stream(oneOf.value()).boxed().toList();
            });
    return new SchemaGenerator(builder.build());
  }

  private static ObjectNode asyncApi() {
    ObjectNode doc = YAML.createObjectNode();
    doc.put("asyncapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Orogen");
    info.put("version", "1.0.0");
    info.put(
        "description",
        "Commands and events of Orogen, managed etcd on machines from any provider. Records are"
            + " CloudEvents 1.0 in Kafka binary mode: attributes in ce_* headers, JSON data in the"
            + " value, the aggregate id (ce_subject) as the key. Every command is answered on its"
            + " domain's events topic, by the events it caused or by CommandRejected"
            + " (causationid = the command's ce_id). Unreadable records go to <topic>.dlq.");
    doc.put("defaultContentType", "application/json");
    ObjectNode channels = doc.putObject("channels");
    ObjectNode operations = doc.putObject("operations");
    ObjectNode components = doc.putObject("components");
    ObjectNode messages = components.putObject("messages");
    components.putObject("schemas").set("CloudEventHeaders", cloudEventHeaders());

    for (Domain domain : Domain.values()) {
      for (Contract.Kind kind : Contract.Kind.values()) {
        List<Contract.Entry> entries =
            Contract.entries().stream()
                .filter(e -> e.domain() == domain && e.kind() == kind)
                .toList();
        if (entries.isEmpty()) {
          continue;
        }
        String channelId = domain.id() + (kind == Contract.Kind.COMMAND ? "Commands" : "Events");
        ObjectNode channel = channels.putObject(channelId);
        channel.put("address", entries.get(0).topic());
        channel.put("description", channelDescription(domain, kind));
        ObjectNode channelMessages = channel.putObject("messages");
        ObjectNode operation =
            operations.putObject(
                (kind == Contract.Kind.COMMAND ? "receive" : "send")
                    + Character.toUpperCase(channelId.charAt(0))
                    + channelId.substring(1));
        operation.put("action", kind == Contract.Kind.COMMAND ? "receive" : "send");
        operation.putObject("channel").put("$ref", "#/channels/" + channelId);
        ArrayNode operationMessages = operation.putArray("messages");
        for (Contract.Entry entry : entries) {
          String messageId = entry.ceType();
          channelMessages.putObject(entry.name()).put("$ref", "#/components/messages/" + messageId);
          operationMessages
              .addObject()
              .put("$ref", "#/channels/" + channelId + "/messages/" + entry.name());
          messages.set(messageId, message(entry));
        }
      }
    }
    return doc;
  }

  private static ObjectNode message(Contract.Entry entry) {
    ObjectNode message = YAML.createObjectNode();
    message.put("name", entry.name());
    message.put("title", entry.ceType());
    message.put("summary", entry.description());
    message.put("contentType", "application/json");
    ObjectNode headers = message.putObject("headers");
    ArrayNode allOf = headers.putArray("allOf");
    allOf.addObject().put("$ref", "#/components/schemas/CloudEventHeaders");
    ObjectNode typeConstraint = allOf.addObject();
    typeConstraint.put("type", "object");
    typeConstraint.putObject("properties").putObject("ce_type").put("const", entry.ceType());
    message.putObject("payload").put("$ref", schemaPath(entry));
    ObjectNode kafka = message.putObject("bindings").putObject("kafka");
    ObjectNode key = kafka.putObject("key");
    key.put("type", "string");
    key.put("description", "The aggregate id, equal to ce_subject.");
    kafka.put("bindingVersion", "0.5.0");
    return message;
  }

  private static ObjectNode cloudEventHeaders() {
    ObjectNode schema = YAML.createObjectNode();
    schema.put("type", "object");
    schema.putArray("required").add("ce_specversion").add("ce_id").add("ce_source").add("ce_type");
    ObjectNode properties = schema.putObject("properties");
    header(properties, "ce_specversion", "CloudEvents spec version; always 1.0.")
        .put("const", "1.0");
    header(
        properties,
        "ce_id",
        "Unique per record: the outbox row id of an event, the"
            + " idempotency key of a command (resending a command with the same id has one effect).");
    header(properties, "ce_source", "URI of the producer, for example /orogen/cluster-service.");
    header(properties, "ce_type", "io.orogen.<domain>.<Name>.v<major>.");
    header(
        properties, "ce_subject", "The aggregate id (cluster name, node name ...); also the key.");
    header(properties, "ce_time", "When it happened, RFC 3339.").put("format", "date-time");
    header(properties, "ce_correlationid", "The operation or saga the record belongs to.");
    header(properties, "ce_causationid", "The ce_id of the record that caused this one.");
    header(properties, "content-type", "The data's media type; always application/json.")
        .put("const", "application/json");
    return schema;
  }

  private static ObjectNode header(ObjectNode properties, String name, String description) {
    ObjectNode header = properties.putObject(name);
    header.put("type", "string");
    header.put("description", description);
    return header;
  }

  private static String channelDescription(Domain domain, Contract.Kind kind) {
    Map<Domain, String[]> owners =
        Map.of(
            Domain.CLUSTER, new String[] {"cluster-service", "any system that manages clusters"},
            Domain.NODE,
                new String[] {"the node agents", "cluster-service and node-update-service"});
    String[] owner = owners.getOrDefault(domain, new String[] {domain.id() + "-service", "others"});
    return kind == Contract.Kind.COMMAND
        ? "Commands to " + owner[0] + ", from " + owner[1] + ". Many writers."
        : "Events written by " + owner[0] + " only.";
  }

  private static Set<String> existingSchemas(Path dir) {
    Path schemas = dir.resolve(SCHEMAS);
    if (!Files.isDirectory(schemas)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(schemas)) {
      Set<String> found = new TreeSet<>();
      files
          .filter(p -> p.toString().endsWith(".json"))
          .forEach(p -> found.add(dir.relativize(p).toString().replace('\\', '/')));
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

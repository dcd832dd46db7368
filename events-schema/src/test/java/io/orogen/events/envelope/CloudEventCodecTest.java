package io.orogen.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orogen.events.FieldError;
import io.orogen.events.Payload;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.MemberRole;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

  static final URI SOURCE = URI.create("/tests/codec");

  @Test
  void commandRecordCarriesEveryCloudEventsHeaderAndIsKeyedByTheAggregate() {
    CloudEvent<CreateCluster> command =
        CloudEvent.create(SOURCE, new CreateCluster("orders", 3, "3.5", null));

    ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(command);

    assertThat(record.topic()).isEqualTo(Topics.CLUSTER_COMMANDS);
    assertThat(record.key()).isEqualTo("orders");
    assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record.headers(), "ce_id")).isEqualTo(command.id());
    assertThat(header(record.headers(), "ce_source")).isEqualTo("/tests/codec");
    assertThat(header(record.headers(), "ce_type")).isEqualTo("io.orogen.cluster.CreateCluster.v1");
    assertThat(header(record.headers(), "ce_subject")).isEqualTo("orders");
    assertThat(header(record.headers(), "ce_time")).isEqualTo(command.time().toString());
    assertThat(header(record.headers(), "content-type")).isEqualTo("application/json");
    assertThat(header(record.headers(), "ce_correlationid")).isEqualTo(command.id());
    assertThat(record.headers().lastHeader("ce_causationid")).isNull();
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"orders\",\"size\":3,\"version\":\"3.5\"}");
  }

  @Test
  void eventsRoundTripWithCorrelationAndCausation() {
    CloudEvent<CreateCluster> command =
        CloudEvent.create(SOURCE, new CreateCluster("orders", 3, "3.5", null));
    ClusterReady ready =
        new ClusterReady(
            "orders",
            "3.5.16",
            1,
            List.of("http://127.0.0.1:2379"),
            List.of(
                new ClusterMember(
                    "orders-1",
                    "node-1",
                    "8e9e05c52164694d",
                    "http://127.0.0.1:2380",
                    "http://127.0.0.1:2379",
                    MemberRole.LEADER,
                    "3.5.16")));
    CloudEvent<ClusterReady> event =
        CloudEvent.create(URI.create("/orogen/cluster-service"), ready).causedBy(command);

    ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event);
    CloudEvent<Payload> decoded = CloudEventCodec.decode(record.headers(), record.value());

    assertThat(record.topic()).isEqualTo(Topics.CLUSTER_EVENTS);
    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.correlationId()).isEqualTo(command.id());
    assertThat(decoded.causationId()).isEqualTo(command.id());
  }

  @Test
  void unknownJsonFieldsAreIgnoredSoConsumersSurviveAddedFields() {
    Headers headers = headers("io.orogen.cluster.CreateCluster.v1");
    byte[] value =
        "{\"name\":\"orders\",\"size\":3,\"version\":\"3.5\",\"zone\":\"eu-1\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(CloudEventCodec.decode(headers, value).data())
        .isEqualTo(new CreateCluster("orders", 3, "3.5", null));
  }

  @Test
  void missingHeadersAreNamed() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "c-1".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> CloudEventCodec.decode(headers, "{}".getBytes()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCode.UNREADABLE_RECORD);
              assertThat(e.getMessage())
                  .isEqualTo("missing CloudEvents header(s): ce_specversion, ce_source, ce_type");
              assertThat(e.id()).isEqualTo("c-1");
            });
  }

  @Test
  void unknownTypeIsRejectedAsSuch() {
    assertThatThrownBy(
            () -> CloudEventCodec.decode(headers("io.orogen.cluster.Explode.v1"), "{}".getBytes()))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCode.UNKNOWN_TYPE);
              assertThat(e.getMessage()).isEqualTo("unknown ce_type io.orogen.cluster.Explode.v1");
              assertThat(e.subject()).isEqualTo("orders");
            });
  }

  @Test
  void malformedJsonIsUnreadable() {
    assertThatThrownBy(
            () ->
                CloudEventCodec.decode(
                    headers("io.orogen.cluster.CreateCluster.v1"),
                    "{\"name\": \"orders\"".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCode.UNREADABLE_RECORD);
              assertThat(e.getMessage()).startsWith("data is not JSON");
            });
  }

  @Test
  void mistypedFieldIsAnInvalidFieldNamedByItsPath() {
    assertThatThrownBy(
            () ->
                CloudEventCodec.decode(
                    headers("io.orogen.cluster.CreateCluster.v1"),
                    "{\"name\":\"orders\",\"size\":\"three\",\"version\":\"3.5\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCode.INVALID_FIELD);
              assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("size");
            });
    assertThatThrownBy(
            () ->
                CloudEventCodec.decode(
                    headers("io.orogen.cluster.CreateCluster.v1"),
                    "{\"name\":\"o\",\"size\":3,\"version\":\"3.5\",\"provider\":\"aws\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .containsExactly("provider"));
  }

  @Test
  void noTypeIsCoercedIntoAnother() {
    for (String body :
        new String[] {
          "{\"name\":\"orders\",\"size\":3.9,\"version\":\"3.5\"}",
          "{\"name\":\"orders\",\"size\":\"3\",\"version\":\"3.5\"}",
          "{\"name\":\"orders\",\"size\":true,\"version\":\"3.5\"}",
          "{\"name\":\"orders\",\"size\":3,\"version\":3.5}",
          "{\"name\":17,\"size\":3,\"version\":\"3.5\"}"
        }) {
      assertThatThrownBy(
              () ->
                  CloudEventCodec.decode(
                      headers("io.orogen.cluster.CreateCluster.v1"),
                      body.getBytes(StandardCharsets.UTF_8)))
          .as(body)
          .isInstanceOfSatisfying(
              UnreadableRecordException.class,
              e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_FIELD));
    }
  }

  private static Headers headers(String type) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_id", "c-1".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_source", "/tests".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
    headers.add("ce_subject", "orders".getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static String header(Headers headers, String name) {
    return CloudEventCodec.get(headers, name);
  }
}

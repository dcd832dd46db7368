package io.orogen.kit.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.Contract;
import io.orogen.events.RejectionCode;
import io.orogen.events.Topics;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.CloudEventHeaders;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the reader refuses, and that nothing it answers holds an unbounded string. */
class RecordReaderTest {

  static ValidatorFactory factory;
  static RecordReader reader;

  @BeforeAll
  static void reader() {
    factory =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    reader =
        new RecordReader(
            Topics.CLUSTER_COMMANDS, Contract.Kind.COMMAND, factory.getValidator(), Map.of());
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void aValidCommandIsAccepted() {
    ProducerRecord<String, byte[]> record = create("orders");
    assertThat(read(record)).isInstanceOf(RecordReader.Accepted.class);
  }

  @Test
  void aRecordWithoutHeadersIsRefusedWithAKeyForTheAnswer() {
    RecordReader.Refused refused =
        refused(reader.read(null, new RecordHeaders(), "hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(refused.rejection().code()).isEqualTo(RejectionCode.UNREADABLE_RECORD);
    assertThat(refused.rejection().aggregateId()).isNotNull();
    assertThat(refused.usableId()).isNull();
  }

  @Test
  void anInvalidCommandKeepsItsIdSoThatAResendHasNoSecondAnswer() {
    CloudEvent<CreateCluster> command =
        CloudEvent.create(URI.create("/test"), new CreateCluster("Bad_Name", 4, "3.5", null));
    RecordReader.Refused refused = refused(read(CloudEventCodec.toRecord(command)));
    assertThat(refused.rejection().code()).isEqualTo(RejectionCode.INVALID_FIELD);
    assertThat(refused.rejection().fieldErrors()).extracting("field").contains("name", "size");
    assertThat(refused.usableId()).isEqualTo(command.id());
  }

  @Test
  void anIdOfKilobytesOrWithNulIsRefusedAndNotKept() {
    for (String id : new String[] {"x".repeat(5000), "abc\u0000def"}) {
      ProducerRecord<String, byte[]> record = create("orders");
      replace(record.headers(), CloudEventHeaders.ID, id);
      RecordReader.Refused refused = refused(read(record));
      assertThat(refused.usableId()).isNull();
      assertThat(refused.rejection().commandId())
          .hasSizeLessThanOrEqualTo(200)
          .doesNotContain("\u0000");
    }
  }

  @Test
  void aHugeHeaderIsNotCopiedIntoTheAnswer() {
    ProducerRecord<String, byte[]> record = create("orders");
    replace(record.headers(), CloudEventHeaders.TYPE, "x".repeat(600_000));
    RecordReader.Refused refused = refused(read(record));
    assertThat(refused.rejection().code()).isEqualTo(RejectionCode.UNKNOWN_TYPE);
    assertThat(refused.rejection().commandType()).hasSizeLessThanOrEqualTo(200);
    assertThat(refused.rejection().message()).hasSizeLessThanOrEqualTo(2000);
  }

  @Test
  void anEventOnTheCommandsTopicIsNotACommand() {
    CloudEvent<?> event =
        CloudEvent.create(
            URI.create("/test"), new io.orogen.events.cluster.ClusterDeleted("orders"));
    RecordReader.Refused refused =
        refused(read(CloudEventCodec.toRecord(Topics.CLUSTER_COMMANDS, event)));
    assertThat(refused.rejection().code()).isEqualTo(RejectionCode.UNKNOWN_TYPE);
  }

  @Test
  void aKeyOrSubjectOfAnotherAggregateIsRefused() {
    ProducerRecord<String, byte[]> record = create("orders");
    RecordReader.Refused byKey = refused(reader.read("payments", record.headers(), record.value()));
    assertThat(byKey.rejection().fieldErrors()).extracting("field").containsExactly("key");
    replace(record.headers(), CloudEventHeaders.SUBJECT, "payments");
    RecordReader.Refused bySubject = refused(read(record));
    assertThat(bySubject.rejection().fieldErrors())
        .extracting("field")
        .containsExactly("ce_subject");
  }

  private static ProducerRecord<String, byte[]> create(String name) {
    return CloudEventCodec.toRecord(
        CloudEvent.create(URI.create("/test"), new CreateCluster(name, 3, "3.5", null)));
  }

  private static RecordReader.Read read(ProducerRecord<String, byte[]> record) {
    return reader.read(record.key(), record.headers(), record.value());
  }

  private static RecordReader.Refused refused(RecordReader.Read read) {
    assertThat(read).isInstanceOf(RecordReader.Refused.class);
    return (RecordReader.Refused) read;
  }

  private static void replace(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

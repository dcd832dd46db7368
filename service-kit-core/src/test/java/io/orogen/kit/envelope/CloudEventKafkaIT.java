package io.orogen.kit.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.Payload;
import io.orogen.events.Topics;
import io.orogen.events.cluster.ClusterDeleted;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.envelope.SmallRyeCloudEvents;
import io.orogen.runtime.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The envelope on a real Kafka broker: what a plain Kafka client writes, SmallRye reads (as a
 * CloudEvent too), and what SmallRye writes, a plain client reads.
 */
@QuarkusTest
@WithTestResource(
    value = KafkaResource.class,
    initArgs =
        @ResourceArg(
            name = "topics",
            value =
                Topics.CLUSTER_COMMANDS
                    + ","
                    + Topics.CLUSTER_EVENTS
                    + ",orogen.cluster.commands.dlq"))
class CloudEventKafkaIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject ReceivedCommands received;

  @Inject
  @Channel("cluster-events")
  Emitter<byte[]> events;

  @Test
  void commandFromAPlainKafkaProducerArrivesInSmallRyeWithEveryHeader() throws Exception {
    CloudEvent<CreateCluster> command =
        CloudEvent.create(
                URI.create("/acme/provisioner"), new CreateCluster("orders", 3, "3.5", null))
            .withCorrelation("deploy-42", "ticket-7");

    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(CloudEventCodec.toRecord(command)).get(30, TimeUnit.SECONDS);
    }

    Message<byte[]> message = received.next(60);
    assertThat(message).as("the command reached the SmallRye channel").isNotNull();

    @SuppressWarnings("unchecked")
    IncomingKafkaRecordMetadata<String, byte[]> kafka =
        message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
    assertThat(kafka.getTopic()).isEqualTo(Topics.CLUSTER_COMMANDS);
    assertThat(kafka.getKey()).isEqualTo("orders");
    Headers headers = kafka.getHeaders();
    assertThat(CloudEventCodec.get(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(CloudEventCodec.get(headers, "ce_id")).isEqualTo(command.id());
    assertThat(CloudEventCodec.get(headers, "ce_source")).isEqualTo("/acme/provisioner");
    assertThat(CloudEventCodec.get(headers, "ce_type"))
        .isEqualTo("io.orogen.cluster.CreateCluster.v1");
    assertThat(CloudEventCodec.get(headers, "ce_subject")).isEqualTo("orders");
    assertThat(CloudEventCodec.get(headers, "ce_time")).isEqualTo(command.time().toString());
    assertThat(CloudEventCodec.get(headers, "ce_correlationid")).isEqualTo("deploy-42");
    assertThat(CloudEventCodec.get(headers, "ce_causationid")).isEqualTo("ticket-7");
    assertThat(CloudEventCodec.get(headers, "content-type")).isEqualTo("application/json");

    // SmallRye's own CloudEvents support recognises the record as a binary-mode CloudEvent.
    @SuppressWarnings("unchecked")
    IncomingCloudEventMetadata<byte[]> cloudEvent =
        message.getMetadata(IncomingCloudEventMetadata.class).orElseThrow();
    assertThat(cloudEvent.getSpecVersion()).isEqualTo("1.0");
    assertThat(cloudEvent.getId()).isEqualTo(command.id());
    assertThat(cloudEvent.getSource()).isEqualTo(URI.create("/acme/provisioner"));
    assertThat(cloudEvent.getType()).isEqualTo("io.orogen.cluster.CreateCluster.v1");
    assertThat(cloudEvent.getSubject()).contains("orders");
    assertThat(cloudEvent.getTimeStamp()).isPresent();
    assertThat(cloudEvent.getDataContentType()).contains("application/json");
    assertThat(cloudEvent.<String>getExtension("correlationid")).contains("deploy-42");
    assertThat(cloudEvent.<String>getExtension("causationid")).contains("ticket-7");

    CloudEvent<Payload> decoded = SmallRyeCloudEvents.fromMessage(message);
    assertThat(decoded).isEqualTo(command);
  }

  @Test
  void eventFromSmallRyeIsReadByAPlainKafkaConsumer() throws Exception {
    CloudEvent<ClusterDeleted> event =
        CloudEvent.create(URI.create("/orogen/cluster-service"), new ClusterDeleted("orders"));

    CompletableFuture<Void> written = new CompletableFuture<>();
    events.send(
        SmallRyeCloudEvents.toMessage(event)
            .withAck(
                () -> {
                  written.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  written.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    written.get(30, TimeUnit.SECONDS);

    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "plain-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.CLUSTER_EVENTS));
      ConsumerRecord<String, byte[]> record = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (record == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          record = r;
        }
      }
      assertThat(record).as("the event reached the plain consumer").isNotNull();
      assertThat(record.key()).isEqualTo("orders");
      assertThat(CloudEventCodec.decode(record)).isEqualTo(event);
    }
  }
}

package io.orogen.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.runtime.WorkDirectory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class InJvmKafkaIT {

  @Test
  void createsTopicsUpFrontAndCarriesRecords() throws Exception {
    try (InJvmKafka kafka = InJvmKafka.start(WorkDirectory.newInstance("kafka"))) {
      kafka.createTopics(List.of("orogen.test.commands", "orogen.test.commands.dlq"), 3);
      kafka.createTopics(List.of("orogen.test.commands"), 3); // again: no error

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        var description =
            admin
                .describeTopics(List.of("orogen.test.commands"))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get("orogen.test.commands");
        assertThat(description.partitions()).hasSize(3);
      }
      RoundTrip.send(kafka.bootstrapServers(), "orogen.test.commands", "a", "hello");
      assertThat(RoundTrip.read(kafka.bootstrapServers(), "orogen.test.commands", 1))
          .containsExactly("hello");
    }
  }
}

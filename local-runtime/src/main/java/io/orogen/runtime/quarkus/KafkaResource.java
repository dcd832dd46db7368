package io.orogen.runtime.quarkus;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.kafka.InJvmKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker for a {@code @QuarkusTest}: {@code @WithTestResource(KafkaResource.class)}.
 * Sets {@code kafka.bootstrap.servers}, which every SmallRye Kafka channel and Kafka client of the
 * application uses. Init arg {@code topics}: comma-separated topics to create (3 partitions each)
 * before the application starts, so its consumers find every partition at once.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  private InJvmKafka kafka;
  private List<String> topics = List.of();

  @Override
  public void init(Map<String, String> initArgs) {
    String names = initArgs.getOrDefault("topics", "");
    topics = Arrays.stream(names.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  @Override
  public Map<String, String> start() {
    kafka = InJvmKafka.start(WorkDirectory.newInstance("kafka"));
    kafka.createTopics(topics, 3);
    return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }
}

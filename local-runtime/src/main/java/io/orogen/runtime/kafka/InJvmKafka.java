package io.orogen.runtime.kafka;

import java.nio.file.Path;
import java.util.Collection;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) inside this JVM, through Kafka's
 * own test kit. Starts in about 3 s; for tests.
 */
public final class InJvmKafka implements AutoCloseable {

  private final KafkaClusterTestKit kit;

  private InJvmKafka(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Formats and starts a broker whose logs live under {@code directory}. */
  public static InJvmKafka start(Path directory) {
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .setBaseDirectory(directory)
              .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      BrokerSettings.singleNode().forEach(builder::setConfigProp);
      KafkaClusterTestKit kit = builder.build();
      try {
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
      } catch (Exception e) {
        kit.close();
        throw e;
      }
      return new InJvmKafka(kit);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Kafka did not start", e);
    }
  }

  /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Creates the topics that do not exist yet. */
  public void createTopics(Collection<String> topics, int partitions) {
    Topics.create(bootstrapServers(), topics, partitions);
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not stop cleanly", e);
    }
  }
}

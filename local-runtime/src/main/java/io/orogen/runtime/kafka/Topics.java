package io.orogen.runtime.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates topics up front, so consumers never race the broker's auto-creation. */
final class Topics {

  private Topics() {}

  static void create(String bootstrapServers, Collection<String> topics, int partitions) {
    if (topics.isEmpty()) {
      return;
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      var missing =
          topics.stream()
              .filter(t -> !existing.contains(t))
              .distinct()
              .map(t -> new NewTopic(t, partitions, (short) 1))
              .toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + topics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

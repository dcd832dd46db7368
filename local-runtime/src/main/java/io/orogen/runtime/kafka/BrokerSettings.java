package io.orogen.runtime.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/** Broker settings for a single-node development broker, shared by both ways of running one. */
final class BrokerSettings {

  private BrokerSettings() {}

  static Map<String, String> singleNode() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "3");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    // Consumers join at once instead of waiting 3 s for more members.
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("num.partitions", "3");
    settings.put("auto.create.topics.enable", "true");
    return settings;
  }
}

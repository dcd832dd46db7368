package io.orogen.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** service-kit settings ({@code orogen.kit.*}). */
@ConfigMapping(prefix = "orogen.kit")
public interface KitConfig {

  /** The {@code ce_source} of what this service publishes. */
  @WithDefault("/orogen/${quarkus.application.name}")
  String source();

  /**
   * How long processed record ids and published outbox rows are kept; longer than the topics keep
   * records (Kafka's default is 7 days), so that no redelivered record is taken for a new one.
   */
  @WithDefault("14d")
  Duration retention();

  /** How long one instance holds the outbox relay. */
  @WithDefault("15s")
  Duration relayLease();
}

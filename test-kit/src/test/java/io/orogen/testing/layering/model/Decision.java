package io.orogen.testing.layering.model;

import org.apache.kafka.clients.producer.ProducerRecord;

/** A model class that does I/O, on purpose. */
public class Decision {
  public ProducerRecord<String, String> decide() {
    return new ProducerRecord<>("topic", "decision");
  }
}

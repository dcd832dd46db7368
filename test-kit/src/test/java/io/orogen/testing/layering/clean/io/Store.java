package io.orogen.testing.layering.clean.io;

import io.orogen.testing.layering.clean.model.Choice;
import org.apache.kafka.clients.producer.ProducerRecord;

/** I/O that uses the model, in the one allowed direction. */
public class Store {
  public ProducerRecord<String, String> write(Choice choice) {
    return new ProducerRecord<>("topic", choice.name());
  }
}

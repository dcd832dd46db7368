package io.orogen.cluster.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The id of a command or event already processed, stored with its effect. */
@Entity
@Table(name = "processed_record")
public class ProcessedRecord extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "processed_at")
  public Instant processedAt;

  public static ProcessedRecord of(String id) {
    ProcessedRecord record = new ProcessedRecord();
    record.id = id;
    record.processedAt = Instant.now();
    return record;
  }
}

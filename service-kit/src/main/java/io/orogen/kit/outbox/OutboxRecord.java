package io.orogen.kit.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event or command to publish, written in the transaction of the change that caused it. */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The record's {@code ce_id}. */
  @Column(name = "event_id")
  public String eventId;

  public String topic;

  @Column(name = "record_key")
  public String recordKey;

  @Column(name = "ce_type")
  public String ceType;

  @Column(name = "ce_source")
  public String ceSource;

  @Column(name = "ce_time")
  public Instant ceTime;

  @Column(name = "correlation_id")
  public String correlationId;

  @Column(name = "causation_id")
  public String causationId;

  /** The payload as JSON. */
  public String data;

  @Column(name = "sent_at")
  public Instant sentAt;

  /** When Kafka refused the row for good; it is not sent again. */
  @Column(name = "failed_at")
  public Instant failedAt;

  /** Why Kafka refused it. */
  public String failure;
}

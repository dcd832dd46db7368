package io.orogen.kit.kafka;

import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.kit.retry.Lifecycle;
import io.orogen.kit.retry.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Publishes records straight to Kafka, for a process without an outbox (node-agent): on the topic
 * the contract gives each type, keyed by its subject.
 */
@ApplicationScoped
public class Publisher {

  private static final Logger LOG = Logger.getLogger(Publisher.class);

  private final KitKafka kafka;
  private final Retry retry;

  public Publisher(KitKafka kafka, Lifecycle lifecycle) {
    this.kafka = kafka;
    this.retry = new Retry(lifecycle, Publisher::isTransient);
  }

  /** Publishes {@code record} and waits for Kafka's acknowledgement, retrying while it is away. */
  public void publish(CloudEvent<?> record) {
    ProducerRecord<String, byte[]> kafkaRecord = CloudEventCodec.toRecord(record);
    retry.run(
        "publishing " + record.type() + " " + record.id(),
        () -> {
          try {
            kafka.producer().send(kafkaRecord).get(60, TimeUnit.SECONDS);
            return null;
          } catch (ExecutionException e) {
            throw new PublishException(record, e.getCause());
          } catch (TimeoutException e) {
            throw new PublishException(record, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Retry.StoppedException("publishing " + record.type(), e);
          }
        });
  }

  /** Publishes {@code record} without waiting; a failure is logged (for periodic records). */
  public void publishLater(CloudEvent<?> record) {
    kafka
        .producer()
        .send(
            CloudEventCodec.toRecord(record),
            (metadata, failure) -> {
              if (failure != null) {
                LOG.warnf(
                    "could not publish %s %s: %s", record.type(), record.id(), failure.toString());
              }
            });
  }

  /** Whether a failure to publish is one Kafka may get over: the broker away, a timeout. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RetriableException
          || t instanceof TimeoutException
          || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A record Kafka did not take. */
  public static final class PublishException extends RuntimeException {
    PublishException(CloudEvent<?> record, Throwable cause) {
      super("Kafka did not take " + record.type() + " " + record.id(), cause);
    }
  }
}

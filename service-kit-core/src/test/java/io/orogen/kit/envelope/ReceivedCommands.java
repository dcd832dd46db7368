package io.orogen.kit.envelope;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A SmallRye consumer of the cluster commands topic, for {@link CloudEventKafkaIT}. */
@ApplicationScoped
public class ReceivedCommands {

  private final BlockingQueue<Message<byte[]>> messages = new LinkedBlockingQueue<>();

  /** The next message, waiting up to {@code seconds}; a method, since callers hold a proxy. */
  Message<byte[]> next(long seconds) throws InterruptedException {
    return messages.poll(seconds, TimeUnit.SECONDS);
  }

  @Incoming("cluster-commands")
  CompletionStage<Void> receive(Message<byte[]> message) {
    messages.add(message);
    return message.ack();
  }
}

package io.orogen.runtime.kafka;

import io.orogen.runtime.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) as its own JVM, for {@code ./orogen
 * up}. Its data survives restarts: the log directory is formatted only once.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ServerProcess process;
  private final int port;

  private KafkaBrokerProcess(ServerProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a broker under {@code directory}.
   *
   * @param port the client (PLAINTEXT) port on 127.0.0.1
   * @param controllerPort the KRaft controller port on 127.0.0.1
   * @param classpath a classpath holding {@code kafka_2.13}, its dependencies and a log4j2 SLF4J
   *     binding
   */
  public static KafkaBrokerProcess start(
      Path directory, int port, int controllerPort, String classpath) {
    try {
      Files.createDirectories(directory);
      Path config = directory.resolve("server.properties");
      Files.writeString(config, serverProperties(directory, port, controllerPort));
      Path log4j = directory.resolve("log4j2.properties");
      Files.writeString(log4j, LOG4J);
      List<String> java = new ArrayList<>();
      java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      java.add("-Xms128m");
      java.add("-Xmx512m");
      java.add("-XX:-UsePerfData");
      java.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
      java.add("-Dlog4j2.configurationFile=" + log4j);
      java.add("-cp");
      java.add(classpath);

      if (!Files.exists(directory.resolve("data/meta.properties"))) {
        List<String> format = new ArrayList<>(java);
        format.addAll(
            List.of(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString()));
        runToCompletion(format, directory);
      }
      List<String> server = new ArrayList<>(java);
      server.addAll(List.of("kafka.Kafka", config.toString()));
      ServerProcess process =
          ServerProcess.start(
              "kafka", server, directory, directory.resolve("kafka.log"), Duration.ofSeconds(30));
      KafkaBrokerProcess broker = new KafkaBrokerProcess(process, port);
      broker.process.awaitPort(port, START_TIMEOUT);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public ServerProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }

  private static String serverProperties(Path directory, int port, int controllerPort) {
    StringBuilder props = new StringBuilder();
    props.append("process.roles=broker,controller\n");
    props.append("node.id=1\n");
    props.append("controller.quorum.voters=1@127.0.0.1:").append(controllerPort).append('\n');
    props
        .append("listeners=PLAINTEXT://127.0.0.1:")
        .append(port)
        .append(",CONTROLLER://127.0.0.1:")
        .append(controllerPort)
        .append('\n');
    props.append("advertised.listeners=PLAINTEXT://127.0.0.1:").append(port).append('\n');
    props.append("controller.listener.names=CONTROLLER\n");
    props.append("inter.broker.listener.name=PLAINTEXT\n");
    props.append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n");
    props.append("log.dirs=").append(directory.resolve("data")).append('\n');
    for (Map.Entry<String, String> setting : BrokerSettings.singleNode().entrySet()) {
      props.append(setting.getKey()).append('=').append(setting.getValue()).append('\n');
    }
    return props.toString();
  }

  private static void runToCompletion(List<String> command, Path directory) throws IOException {
    Path log = directory.resolve("format.log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "formatting Kafka's log directory failed:\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(e);
    }
  }

  private static final String LOG4J =
      """
      status = warn
      appender.out.type = Console
      appender.out.name = OUT
      appender.out.layout.type = PatternLayout
      appender.out.layout.pattern = [%d] %p %m (%c)%n
      rootLogger.level = INFO
      rootLogger.appenderRef.out.ref = OUT
      logger.state.name = state.change.logger
      logger.state.level = WARN
      logger.controller.name = org.apache.kafka.controller
      logger.controller.level = WARN
      """;
}

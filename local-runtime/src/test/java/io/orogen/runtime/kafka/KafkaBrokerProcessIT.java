package io.orogen.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.runtime.FreePorts;
import io.orogen.runtime.WorkDirectory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The broker process of {@code ./orogen up}, on the classpath the build writes for it. */
class KafkaBrokerProcessIT {

  @Test
  void runsAsItsOwnProcessAndKeepsRecordsAcrossARestart() throws Exception {
    Path dir = WorkDirectory.newInstance("kafka-process");
    List<Integer> ports = FreePorts.take(2);
    String classpath = launcherClasspath();

    KafkaBrokerProcess first = KafkaBrokerProcess.start(dir, ports.get(0), ports.get(1), classpath);
    try {
      assertThat(first.process().pid()).isNotEqualTo(ProcessHandle.current().pid());
      RoundTrip.send(first.bootstrapServers(), "orogen.test.events", "k", "before restart");
    } finally {
      first.close();
    }
    assertThat(first.process().isAlive()).isFalse();
    assertThat(Files.readString(first.process().log())).contains("Kafka Server started");

    try (KafkaBrokerProcess second =
        KafkaBrokerProcess.start(dir, ports.get(0), ports.get(1), classpath)) {
      assertThat(RoundTrip.read(second.bootstrapServers(), "orogen.test.events", 1))
          .containsExactly("before restart");
    }
  }

  /** What {@code ./orogen up} runs on: the build's runtime classpath and the log4j binding. */
  static String launcherClasspath() throws Exception {
    Path target = Path.of("target");
    String dependencies = Files.readString(target.resolve("launcher-classpath.txt")).trim();
    try (Stream<Path> logging = Files.list(target.resolve("broker-logging"))) {
      return dependencies
          + File.pathSeparator
          + target.resolve("classes").toAbsolutePath()
          + File.pathSeparator
          + logging
              .map(p -> p.toAbsolutePath().toString())
              .collect(Collectors.joining(File.pathSeparator));
    }
  }
}

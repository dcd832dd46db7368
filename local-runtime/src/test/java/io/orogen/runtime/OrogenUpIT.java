package io.orogen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * {@code ./orogen up} as a person runs it: it prints where Kafka, PostgreSQL and etcd are, they
 * answer there, and Ctrl-C (SIGINT to the foreground process group) stops every one of them.
 */
class OrogenUpIT {

  @Test
  void upStartsTheInfrastructureAndCtrlCStopsIt() throws Exception {
    Path workDir = WorkDirectory.newInstance("orogen-up");
    List<Integer> ports = FreePorts.take(5);
    ProcessBuilder builder =
        // --no-build: the test runs inside the build; it starts what is built so far.
        new ProcessBuilder("setsid", "./orogen", "up", "--no-build")
            .directory(Path.of("..").toAbsolutePath().normalize().toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("OROGEN_WORK_DIR", workDir.toString());
    env.put("OROGEN_KAFKA_PORT", ports.get(0).toString());
    env.put("OROGEN_KAFKA_CONTROLLER_PORT", ports.get(1).toString());
    env.put("OROGEN_POSTGRES_PORT", ports.get(2).toString());
    env.put("OROGEN_COORDINATION_ETCD_PORT", ports.get(3).toString());
    Process up = builder.start();
    List<String> output = new ArrayList<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.startsWith("Press Ctrl-C")) {
                    ready.complete(null);
                  }
                }
              } catch (Exception e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("up exited:\n" + output));
            });
    reader.start();
    try {
      ready.get(3, TimeUnit.MINUTES);
      String printed;
      synchronized (output) {
        printed = String.join("\n", output);
      }
      assertThat(printed)
          .contains("KAFKA_BOOTSTRAP_SERVERS      127.0.0.1:" + ports.get(0))
          .contains("POSTGRES_URL                 jdbc:postgresql://localhost:" + ports.get(2))
          .contains("COORDINATION_ETCD_ENDPOINTS  http://127.0.0.1:" + ports.get(3));

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + ports.get(0)))) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
      }
      try (Connection connection =
          Jdbc.connect("jdbc:postgresql://localhost:" + ports.get(2) + "/cluster")) {
        assertThat(connection.isValid(5)).isTrue();
      }
      assertThat(serversUnder(workDir)).hasSizeGreaterThanOrEqualTo(3);
    } finally {
      // Ctrl-C in a terminal: SIGINT to the whole foreground process group.
      new ProcessBuilder("kill", "-INT", "--", "-" + up.pid()).start().waitFor();
      if (!up.waitFor(2, TimeUnit.MINUTES)) {
        up.destroyForcibly();
      }
      reader.join(10_000);
    }
    synchronized (output) {
      assertThat(output).contains("stopped.");
    }
    assertThat(serversUnder(workDir)).isEmpty();
  }

  /** Processes whose command line names the work directory: the broker, PostgreSQL, etcd. */
  private static List<String> serversUnder(Path workDir) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(p -> p.info().commandLine().orElse(""))
        .filter(line -> line.contains(workDir.toString()))
        .toList();
  }
}

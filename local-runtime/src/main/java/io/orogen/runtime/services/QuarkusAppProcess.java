package io.orogen.runtime.services;

import io.orogen.runtime.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of Orogen's services (a packaged Quarkus application, {@code quarkus-run.jar}) as its own
 * process, configured through environment variables, for {@code ./orogen up} and for tests that run
 * several services together.
 */
public final class QuarkusAppProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ServerProcess process;
  private final int httpPort;

  /** What a service's JVM is tuned for. */
  public enum Workload {
    /**
     * Commands, events and reconciliation: the client compiler alone (C1) starts fastest and uses
     * the least memory.
     */
    CONTROL,
    /**
     * Streams and checksums gigabytes (snapshots, their downloads): both compilers, because SHA-256
     * runs on the CPU's SHA instructions only once C2 compiles it (121 MiB/s on C1 alone, 1398
     * MiB/s with C2, measured here).
     */
    BULK_DATA
  }

  private QuarkusAppProcess(ServerProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /**
   * Starts {@code jar} and waits until {@code /q/health/ready} answers 200.
   *
   * @param name a name for logs, for example {@code node-agent-1}
   * @param jar the application's {@code quarkus-run.jar}
   * @param httpPort the port the application serves HTTP on (set through {@code httpPortEnv})
   * @param httpPortEnv the environment variable the application reads its HTTP port from
   * @param env more environment variables (the application's configuration)
   * @param workDir the process's working directory; its log goes to {@code <name>.log} there
   */
  public static QuarkusAppProcess start(
      String name,
      Path jar,
      int httpPort,
      String httpPortEnv,
      Map<String, String> env,
      Path workDir) {
    return start(name, jar, httpPort, httpPortEnv, env, workDir, Workload.CONTROL);
  }

  /**
   * As {@link #start(String, Path, int, String, Map, Path)}, with the JVM tuned for {@code
   * workload}.
   */
  public static QuarkusAppProcess start(
      String name,
      Path jar,
      int httpPort,
      String httpPortEnv,
      Map<String, String> env,
      Path workDir,
      Workload workload) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the service first (./mvnw install)");
    }
    try {
      Files.createDirectories(workDir.resolve("tmp"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:-UsePerfData");
    // One core's worth of collector: less memory than G1, and pauses are short on a 192 MB heap.
    command.add("-XX:+UseSerialGC");
    // The heap starts small and grows to what the service keeps: started at its maximum (the
    // default here is a 64th of the machine's memory, so the maximum), an idle backup-service
    // held 270 MB resident; from 32 MB, 240 MB.
    command.add("-Xms32m");
    // Native memory the JVM freed (the compilers' arenas, start-up) goes back to the system; a
    // JVM without the option (18-20, 17 before 17.0.9, 21.0.0) would refuse to start with it.
    if (trimsNativeHeap(Runtime.version())) {
      command.add("-XX:TrimNativeHeapInterval=5000");
    }
    if (workload == Workload.CONTROL) {
      command.add("-Xmx192m");
      command.add("-XX:TieredStopAtLevel=1");
    } else {
      // Bulk data streams through bounded buffers, so a small heap does; C2 takes the room saved.
      command.add("-Xmx128m");
      command.add("-XX:ReservedCodeCacheSize=48m");
    }
    command.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    // More JVM options for every service, after these so that they win (-Xmx512m, -Xlog:gc).
    String more = System.getenv("OROGEN_JAVA_OPTIONS");
    if (more != null && !more.isBlank()) {
      command.addAll(List.of(more.strip().split("\\s+")));
    }
    command.add("-jar");
    command.add(jar.toString());
    Map<String, String> environment = new java.util.HashMap<>(env);
    environment.put(httpPortEnv, Integer.toString(httpPort));
    ServerProcess process =
        ServerProcess.start(
            name,
            command,
            environment,
            workDir,
            workDir.resolve(name + ".log"),
            Duration.ofSeconds(20));
    QuarkusAppProcess app = new QuarkusAppProcess(process, httpPort);
    try {
      app.awaitReady();
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  public ServerProcess process() {
    return process;
  }

  /** Whether {@code -XX:TrimNativeHeapInterval} exists in a JVM of {@code version}. */
  static boolean trimsNativeHeap(Runtime.Version version) {
    int feature = version.feature();
    return feature >= 22
        || (feature == 21 && version.update() >= 1)
        || (feature == 17 && version.update() >= 9);
  }

  public int httpPort() {
    return httpPort;
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Kills the process at once ({@code kill -9}), as a crash would. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.name() + " exited:\n" + process.tail(40));
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        process.name() + " not ready after " + START_TIMEOUT + ":\n" + process.tail(40));
  }
}

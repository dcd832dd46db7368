package io.orogen.runtime.s3;

import io.orogen.runtime.FreePorts;
import io.orogen.runtime.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe's S3Mock, a real S3-protocol server, as a separate process (its jar is copied into {@code
 * target/s3mock/} by the build of the module that tests with it). Objects live under a directory of
 * the caller's; HTTP only, on a free port.
 */
public final class S3MockServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ServerProcess process;
  private final int port;
  private final Path jar;
  private final Path directory;
  private final List<String> buckets;

  private S3MockServer(
      ServerProcess process, int port, Path jar, Path directory, List<String> buckets) {
    this.process = process;
    this.port = port;
    this.jar = jar;
    this.directory = directory;
    this.buckets = buckets;
  }

  /** The jar the build copied, looked for from the module's directory. */
  public static Path defaultJar() {
    Path jar = Path.of("target/s3mock/s3mock.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: the module's build copies it (maven-dependency-plugin, id s3mock)");
    }
    return jar;
  }

  /** Starts S3Mock with {@code buckets} created, its objects under {@code directory}. */
  public static S3MockServer start(Path jar, Path directory, List<String> buckets) {
    return start(jar, directory, buckets, FreePorts.take());
  }

  private static S3MockServer start(Path jar, Path directory, List<String> buckets, int port) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=" + directory.resolve("tmp"),
            "-jar",
            jar.toString(),
            "--server.port=0",
            "--com.adobe.testing.s3mock.http-port=" + port,
            "--com.adobe.testing.s3mock.store.root=" + directory.resolve("objects"),
            "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
            "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets),
            "--logging.level.root=WARN");
    try {
      Files.createDirectories(directory.resolve("tmp"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ServerProcess process =
        ServerProcess.start(
            "s3mock", command, directory, directory.resolve("s3mock.log"), Duration.ofSeconds(10));
    process.awaitPort(port, START_TIMEOUT);
    return new S3MockServer(process, port, jar, directory, buckets);
  }

  /** The endpoint for an S3 client (path-style addressing). */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Stops the server, the way an outage does; {@link #restart()} brings it back with its objects.
   */
  public void stop() {
    process.close();
  }

  /** Starts the server again on the same port and directory. */
  public S3MockServer restart() {
    return start(jar, directory, buckets, port);
  }

  @Override
  public void close() {
    process.close();
  }
}

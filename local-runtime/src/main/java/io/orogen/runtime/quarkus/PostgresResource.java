package io.orogen.runtime.quarkus;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real PostgreSQL for a {@code @QuarkusTest}: {@code @WithTestResource(value =
 * PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "cluster"))}. Sets the
 * default datasource's reactive and JDBC URLs and credentials.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private String database = "orogen";
  private LocalPostgres postgres;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.getOrDefault("database", database);
  }

  @Override
  public Map<String, String> start() {
    postgres =
        LocalPostgres.start(
            WorkDirectory.newInstance("postgres"),
            WorkDirectory.root().resolve("postgres-binaries"),
            0);
    postgres.createDatabase(database);
    return Map.of(
        "quarkus.datasource.reactive.url",
        postgres.reactiveUrl(database),
        "quarkus.datasource.jdbc.url",
        postgres.jdbcUrl(database),
        "quarkus.datasource.username",
        LocalPostgres.USER,
        "quarkus.datasource.password",
        LocalPostgres.PASSWORD);
  }

  @Override
  public void stop() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}

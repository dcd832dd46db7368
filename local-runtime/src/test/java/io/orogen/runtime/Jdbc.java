package io.orogen.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens PostgreSQL connections through the driver itself: {@code DriverManager} refuses the driver
 * once a Quarkus test has changed the context class loader of the test JVM.
 */
public final class Jdbc {

  private Jdbc() {}

  public static Connection connect(String url) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", "postgres");
    credentials.setProperty("password", "postgres");
    return new org.postgresql.Driver().connect(url, credentials);
  }
}

package io.orogen.kit.store;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that pass by themselves (PostgreSQL away, a connection lost, a timeout, a
 * serialization failure, a race two instances lost against each other) from faults.
 */
public final class DatabaseFailures {

  /** SQLSTATEs worth trying again: serialization failure, deadlock, too many connections. */
  private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "53300", "57P01");

  private DatabaseFailures() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof TimeoutException
          || t instanceof io.smallrye.mutiny.TimeoutException
          || t instanceof io.vertx.core.VertxException
          || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || Transactions.isConflict(t)) {
        return true;
      }
      if (t instanceof PgException pg
          && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || TRANSIENT_STATES.contains(pg.getSqlState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether {@code failure} is a unique-constraint violation (SQLSTATE 23505). */
  public static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}

package io.orogen.backup.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Backup ids that a person can read and sort: {@code <cluster>-<UTC time>-<random>}, for example
 * {@code orders-20261203-112501-3f2a}.
 */
public final class BackupIds {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private BackupIds() {}

  public static String next(String cluster, Instant at) {
    return cluster
        + "-"
        + TIME.format(at)
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** The artifact's name inside a storage: one folder per cluster. */
  public static String objectName(String cluster, String backupId) {
    return cluster + "/" + backupId + ".db";
  }
}

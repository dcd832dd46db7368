package io.orogen.backup.model;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A backup schedule: a cron expression of 5 fields (minute hour day-of-month month day-of-week, as
 * in crontab) or 6 (seconds first, as Spring writes them), in UTC.
 */
public final class CronSchedule {

  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private final String expression;
  private final ExecutionTime times;

  private CronSchedule(String expression, Cron cron) {
    this.expression = expression;
    this.times = ExecutionTime.forCron(cron);
  }

  /**
   * The schedule {@code expression} describes.
   *
   * @throws IllegalArgumentException saying why, when it does not parse
   */
  public static CronSchedule parse(String expression) {
    String trimmed = expression.trim();
    int fields = trimmed.split("\\s+").length;
    CronParser parser =
        switch (fields) {
          case 5 -> UNIX;
          case 6 -> WITH_SECONDS;
          default ->
              throw new IllegalArgumentException(
                  "has "
                      + fields
                      + " fields; a schedule has 5 (minute hour day-of-month month day-of-week)"
                      + " or 6 (seconds first)");
        };
    try {
      Cron cron = parser.parse(trimmed);
      cron.validate();
      return new CronSchedule(trimmed, cron);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("does not parse: " + e.getMessage(), e);
    }
  }

  /** The first time strictly after {@code after} that the schedule fires, if it ever does. */
  public Optional<Instant> nextAfter(Instant after) {
    return times
        .nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
        .map(t -> t.toInstant());
  }

  @Override
  public String toString() {
    return expression;
  }
}

package io.orogen.events.upgrade;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.util.List;

/**
 * A weekly maintenance window: automatic upgrades start only inside one, and only when they are
 * estimated to end inside it. A window may cross midnight; it belongs to the day it starts on.
 *
 * @param days the days it opens on
 * @param start when it opens, {@code HH:mm} in {@code zone}
 * @param durationMinutes how long it stays open (at most a week)
 * @param zone an IANA time zone such as {@code Europe/Berlin} or {@code UTC}
 */
public record MaintenanceWindow(
    @NotEmpty @Size(max = 7) List<@NotNull DayOfWeek> days,
    @NotNull
        @Pattern(
            regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            message = "must be a time of day like 02:30")
        String start,
    @NotNull @Min(1) @Max(10080) Integer durationMinutes,
    @NotNull @Size(min = 1, max = 64) String zone) {}

package org.sqlwarehouse.project;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * dbt's batch_size of a microbatch model: the grain its batches cover. Times are UTC, as dbt takes
 * them; every batch starts at a boundary of its grain (the hour, midnight, the 1st, January 1st).
 */
public enum BatchSize {
    HOUR, DAY, MONTH, YEAR;

    private static final DateTimeFormatter DAY_ID = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HOUR_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH");

    /** The batch size a config names: hour, day, month or year. */
    public static Optional<BatchSize> of(Object configured) {
        String wanted = configured == null ? "" : String.valueOf(configured).trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The start of the batch the time falls in. */
    public LocalDateTime truncate(LocalDateTime time) {
        return switch (this) {
            case HOUR -> time.withMinute(0).withSecond(0).withNano(0);
            case DAY -> time.toLocalDate().atStartOfDay();
            case MONTH -> time.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case YEAR -> time.toLocalDate().withDayOfYear(1).atStartOfDay();
        };
    }

    /** The start of the batch {@code batches} away from the one the time falls in (negative: earlier). */
    public LocalDateTime offset(LocalDateTime time, int batches) {
        LocalDateTime start = truncate(time);
        return switch (this) {
            case HOUR -> start.plusHours(batches);
            case DAY -> start.plusDays(batches);
            case MONTH -> start.plusMonths(batches);
            case YEAR -> start.plusYears(batches);
        };
    }

    /** The time itself when it is a batch boundary, else the start of the next batch. */
    public LocalDateTime ceiling(LocalDateTime time) {
        LocalDateTime start = truncate(time);
        return start.equals(time) ? time : offset(start, 1);
    }

    /** dbt's batch id: the start as 20240917, or 20240917T16 for hours. */
    public String batchId(LocalDateTime start) {
        return (this == HOUR ? HOUR_ID : DAY_ID).format(start);
    }
}

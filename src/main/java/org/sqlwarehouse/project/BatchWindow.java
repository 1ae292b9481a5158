package org.sqlwarehouse.project;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One batch of a microbatch model: the rows whose event time is at or after {@code start} and before
 * {@code end}, both UTC.
 *
 * @param id dbt's batch id, e.g. 20240917
 */
public record BatchWindow(String id, LocalDateTime start, LocalDateTime end) {
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A time as dbt writes it into a filter (Python's str() of a UTC datetime): 2024-10-01 00:00:00+00:00. */
    public static String literal(LocalDateTime time) {
        return LITERAL.format(time) + "+00:00";
    }

    /**
     * dbt's filter on a relation's event time column: {@code column >= 'start' and column < 'end'}, the
     * column as configured (dbt writes it unquoted).
     */
    public String filter(String column) {
        return column + " >= '" + literal(start) + "' and " + column + " < '" + literal(end) + "'";
    }

    @Override
    public String toString() {
        return id + " [" + literal(start) + ", " + literal(end) + ")";
    }
}

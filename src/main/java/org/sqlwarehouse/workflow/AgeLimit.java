package org.sqlwarehouse.workflow;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;

/**
 * warehouse.olderThan: how long ago an environment was last built for drop-schema to drop it, as a
 * whole number and a unit (s, m, h, d), e.g. {@code 14d} or {@code 36h}.
 *
 * @param text the value as given, for messages
 */
record AgeLimit(String text, Duration age) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    /** Reads the value, or says what is wrong with it: nothing is dropped on a value nobody meant. */
    static AgeLimit parse(String value) throws WarehouseException {
        String trimmed = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(trimmed);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new WarehouseException("warehouse.olderThan='" + value + "' is not an age: drop-schema dropped nothing.",
                    "Give a positive whole number and a unit: s, m, h or d, e.g. -Dwarehouse.olderThan=14d.");
        }
        long amount = Long.parseLong(m.group(1));
        Duration age = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new AgeLimit(trimmed, age);
    }
}

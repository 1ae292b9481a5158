package org.sqlwarehouse.compile;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * A Python datetime or date as templates see it: prints as Python's str() does
 * ({@code 2024-05-01 10:00:00.123456+00:00}), with strftime(), isoformat() and the date parts.
 */
public final class TemplateDateTime {
    private static final DateTimeFormatter AWARE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    /** What kind of Python object this stands for. */
    enum Kind { AWARE_DATETIME, NAIVE_DATETIME, DATE }

    private final ZonedDateTime value;
    private final Kind kind;

    TemplateDateTime(ZonedDateTime value, Kind kind) {
        this.value = value;
        this.kind = kind;
    }

    /** Python's strftime with the C library's directives (the C locale's names). */
    public String strftime(String format) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                b.append(c);
                continue;
            }
            char d = format.charAt(++i);
            switch (d) {
                case 'Y' -> b.append(value.getYear());
                case 'y' -> b.append(two(value.getYear() % 100));
                case 'm' -> b.append(two(value.getMonthValue()));
                case 'd' -> b.append(two(value.getDayOfMonth()));
                case 'H' -> b.append(two(value.getHour()));
                case 'I' -> b.append(two(value.getHour() % 12 == 0 ? 12 : value.getHour() % 12));
                case 'M' -> b.append(two(value.getMinute()));
                case 'S' -> b.append(two(value.getSecond()));
                case 'f' -> b.append(String.format("%06d", value.getNano() / 1000));
                case 'p' -> b.append(value.getHour() < 12 ? "AM" : "PM");
                case 'j' -> b.append(String.format("%03d", value.getDayOfYear()));
                case 'a' -> b.append(value.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> b.append(value.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b', 'h' -> b.append(value.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> b.append(value.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'w' -> b.append(value.getDayOfWeek().getValue() % 7);
                case 'u' -> b.append(value.getDayOfWeek().getValue());
                case 'V' -> b.append(two(value.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case 'G' -> b.append(value.get(IsoFields.WEEK_BASED_YEAR));
                case 'z' -> b.append(kind == Kind.AWARE_DATETIME ? value.getOffset().getId().replace(":", "")
                        .replace("Z", "+0000") : "");
                case 'Z' -> b.append(kind == Kind.AWARE_DATETIME ? "UTC" : "");
                case 'F' -> b.append(value.format(DATE));
                case 'T' -> b.append(two(value.getHour())).append(':').append(two(value.getMinute())).append(':')
                        .append(two(value.getSecond()));
                case 's' -> b.append(value.toEpochSecond());
                case 'e' -> b.append(String.format("%2d", value.get(ChronoField.DAY_OF_MONTH)));
                case '%' -> b.append('%');
                default -> b.append('%').append(d);
            }
        }
        return b.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    public String isoformat() {
        return switch (kind) {
            case AWARE_DATETIME -> value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case NAIVE_DATETIME -> value.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            case DATE -> value.format(DATE);
        };
    }

    public int getYear() {
        return value.getYear();
    }

    public int getMonth() {
        return value.getMonthValue();
    }

    public int getDay() {
        return value.getDayOfMonth();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AWARE_DATETIME -> value.format(AWARE);
            case NAIVE_DATETIME -> value.format(NAIVE);
            case DATE -> value.format(DATE);
        };
    }
}

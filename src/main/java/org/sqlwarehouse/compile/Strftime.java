package org.sqlwarehouse.compile;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's strftime on Linux: Python's own %f, %z and %Z, the rest as the C library formats them in
 * the C locale (English names, %c as "Wed May  1 10:00:00 2024").
 */
final class Strftime {
    private Strftime() {
    }

    static String format(TemplateDateTime value, String format) {
        LocalDateTime t = value.local();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                b.append(c);
                continue;
            }
            char d = format.charAt(++i);
            String expanded = compound(d);
            if (expanded != null) {
                b.append(format(value, expanded));
                continue;
            }
            switch (d) {
                case 'Y' -> b.append(t.getYear());
                case 'C' -> b.append(two(t.getYear() / 100));
                case 'y' -> b.append(two(t.getYear() % 100));
                case 'G' -> b.append(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'g' -> b.append(two(t.get(IsoFields.WEEK_BASED_YEAR) % 100));
                case 'm' -> b.append(two(t.getMonthValue()));
                case 'd' -> b.append(two(t.getDayOfMonth()));
                case 'e' -> b.append(String.format("%2d", t.getDayOfMonth()));
                case 'j' -> b.append(String.format("%03d", t.getDayOfYear()));
                case 'H' -> b.append(two(t.getHour()));
                case 'k' -> b.append(String.format("%2d", t.getHour()));
                case 'I' -> b.append(two(hour12(t)));
                case 'l' -> b.append(String.format("%2d", hour12(t)));
                case 'M' -> b.append(two(t.getMinute()));
                case 'S' -> b.append(two(t.getSecond()));
                case 'f' -> b.append(String.format("%06d", t.getNano() / 1000));
                case 'p' -> b.append(t.getHour() < 12 ? "AM" : "PM");
                case 'P' -> b.append(t.getHour() < 12 ? "am" : "pm");
                case 'a' -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b', 'h' -> b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'w' -> b.append(t.getDayOfWeek().getValue() % 7);
                case 'u' -> b.append(t.getDayOfWeek().getValue());
                case 'U' -> b.append(two((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7));
                case 'W' -> b.append(two((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7));
                case 'V' -> b.append(two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case 'z' -> b.append(value.tzinfo() == null ? "" : TemplateDateTime.offsetText(value.tzinfo().offset(), ""));
                case 'Z' -> b.append(value.tzinfo() == null ? "" : value.tzinfo().abbreviation());
                // the C library reads the broken-down time as local time
                case 's' -> b.append(t.atZone(ZoneId.systemDefault()).toEpochSecond());
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case '%' -> b.append('%');
                default -> b.append('%').append(d);
            }
        }
        return b.toString();
    }

    /** The directives that stand for others in the C locale. */
    private static String compound(char d) {
        return switch (d) {
            case 'c' -> "%a %b %e %H:%M:%S %Y";
            case 'x', 'D' -> "%m/%d/%y";
            case 'X', 'T' -> "%H:%M:%S";
            case 'F' -> "%Y-%m-%d";
            case 'R' -> "%H:%M";
            case 'r' -> "%I:%M:%S %p";
            default -> null;
        };
    }

    private static int hour12(LocalDateTime t) {
        return t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}

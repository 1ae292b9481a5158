package org.sqlwarehouse.compile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.TemplateException;

/** datetime.strptime and the fromisoformat of date and datetime, as Python 3.11 reads text. */
final class DateTimeParsing {
    private static final String OFFSET = "[+-]\\d\\d(?::?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?)?";
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-?(\\d\\d)-?(\\d\\d)");
    private static final Pattern ISO_DATETIME = Pattern.compile("(\\d{4})-(\\d\\d)-(\\d\\d)|(\\d{4})(\\d\\d)(\\d\\d)");
    private static final Pattern ISO_TIME = Pattern.compile(
            "(\\d\\d)(?::?(\\d\\d)(?::?(\\d\\d)(?:[.,](\\d+))?)?)?(Z|" + OFFSET + ")?");

    private DateTimeParsing() {
    }

    /** date.fromisoformat: YYYY-MM-DD or YYYYMMDD. */
    static TemplateDateTime isoDate(String text) {
        Matcher m = ISO_DATE.matcher(text);
        if (!m.matches() || (text.length() != 8 && text.length() != 10)) {
            throw invalidIso(text);
        }
        return TemplateDateTime.date(localDate(text, m.group(1), m.group(2), m.group(3)));
    }

    /** datetime.fromisoformat: a date, then any one character and a time with an optional offset. */
    static TemplateDateTime isoDateTime(String text) {
        int dateLength = text.length() >= 10 && text.charAt(4) == '-' ? 10 : 8;
        Matcher date = ISO_DATETIME.matcher(text.substring(0, Math.min(dateLength, text.length())));
        if (!date.matches()) {
            throw invalidIso(text);
        }
        boolean extended = date.group(1) != null;
        LocalDate day = localDate(text, date.group(extended ? 1 : 4), date.group(extended ? 2 : 5),
                date.group(extended ? 3 : 6));
        if (text.length() == dateLength) {
            return TemplateDateTime.naive(day.atStartOfDay());
        }
        Matcher time = ISO_TIME.matcher(text.substring(dateLength + 1));
        if (text.length() == dateLength + 1 || !time.matches()) {
            throw invalidIso(text);
        }
        String fraction = time.group(4) == null ? "0" : (time.group(4) + "00000").substring(0, 6);
        LocalDateTime local;
        try {
            local = day.atTime(LocalTime.of(Integer.parseInt(time.group(1)), number(time.group(2)),
                    number(time.group(3)), Integer.parseInt(fraction) * 1000));
        } catch (DateTimeException e) {
            throw invalidIso(text);
        }
        String offset = time.group(5);
        return offset == null ? TemplateDateTime.naive(local)
                : TemplateDateTime.attached(local, TemplateTimezone.fixed(offset(offset)));
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static LocalDate localDate(String text, String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw invalidIso(text);
        }
    }

    private static TemplateException invalidIso(String text) {
        return new TemplateException(TemplateException.Kind.VALUE, "ValueError: Invalid isoformat string: "
                + Py.repr(text));
    }

    /** Z, +HH, +HH:MM, +HHMM, +HH:MM:SS: an offset of whole seconds (a fraction is dropped). */
    private static ZoneOffset offset(String text) {
        if (text.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int dot = digits.indexOf('.');
        if (dot >= 0) {
            digits = digits.substring(0, dot);
        }
        int seconds = Integer.parseInt(digits.substring(0, 2)) * 3600
                + (digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) * 60 : 0)
                + (digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0);
        if (seconds >= 86_400) {
            throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: offset must be less than one day");
        }
        return ZoneOffset.ofTotalSeconds(text.startsWith("-") ? -seconds : seconds);
    }

    /** What each directive of strptime matches, as a regular expression of one group. */
    private static String directive(char d) {
        return switch (d) {
            case 'd' -> "3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]";
            case 'f' -> "\\d{1,6}";
            case 'H' -> "2[0-3]|[01]\\d|\\d";
            case 'I', 'm' -> "1[0-2]|0[1-9]|[1-9]";
            case 'j' -> "36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]";
            case 'M' -> "[0-5]\\d|\\d";
            case 'S' -> "6[01]|[0-5]\\d|\\d";
            case 'U', 'W' -> "5[0-3]|[0-4]\\d|\\d";
            case 'w' -> "[0-6]";
            case 'u' -> "[1-7]";
            case 'y' -> "\\d\\d";
            case 'Y' -> "\\d\\d\\d\\d";
            case 'z' -> OFFSET + "|Z";
            case 'Z' -> "utc|gmt";
            case 'p' -> "am|pm";
            case 'a' -> names(DayOfWeek.values(), TextStyle.SHORT);
            case 'A' -> names(DayOfWeek.values(), TextStyle.FULL);
            case 'b' -> names(Month.values(), TextStyle.SHORT);
            case 'B' -> names(Month.values(), TextStyle.FULL);
            default -> null;
        };
    }

    private static String names(Enum<?>[] values, TextStyle style) {
        StringBuilder b = new StringBuilder();
        for (Enum<?> v : values) {
            String name = v instanceof Month m ? m.getDisplayName(style, Locale.ENGLISH)
                    : ((DayOfWeek) v).getDisplayName(style, Locale.ENGLISH);
            b.append(b.length() == 0 ? "" : "|").append(name);
        }
        return b.toString();
    }

    /** datetime.strptime(text, format): the whole text must match. */
    static TemplateDateTime strptime(String text, String format) {
        StringBuilder regex = new StringBuilder();
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char d = format.charAt(++i);
                if (d == '%') {
                    regex.append('%');
                    continue;
                }
                String pattern = directive(d);
                if (pattern == null) {
                    throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: '" + d
                            + "' is a bad directive in format " + Py.repr(format));
                }
                regex.append('(').append(pattern).append(')');
                order.append(d);
            } else if (Character.isWhitespace(c)) {
                regex.append("\\s+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Matcher m = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(text);
        if (!m.lookingAt()) {
            throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: time data " + Py.repr(text)
                    + " does not match format " + Py.repr(format));
        }
        if (m.end() != text.length()) {
            throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: unconverted data remains: "
                    + text.substring(m.end()));
        }
        Map<Character, String> found = new HashMap<>();
        for (int g = 0; g < order.length(); g++) {
            found.put(order.charAt(g), m.group(g + 1).trim());
        }
        return fromParts(found);
    }

    private static TemplateDateTime fromParts(Map<Character, String> found) {
        int year = 1900;
        if (found.containsKey('Y')) {
            year = Integer.parseInt(found.get('Y'));
        } else if (found.containsKey('y')) {
            int two = Integer.parseInt(found.get('y'));
            year = two < 69 ? 2000 + two : 1900 + two;
        }
        int hour = Integer.parseInt(found.getOrDefault('H', "0"));
        if (found.containsKey('I')) {
            hour = Integer.parseInt(found.get('I')) % 12 + ("pm".equalsIgnoreCase(found.get('p')) ? 12 : 0);
        }
        String fraction = (found.getOrDefault('f', "0") + "00000").substring(0, 6);
        try {
            LocalDate day;
            if (found.containsKey('j') && !found.containsKey('m') && !found.containsKey('d')) {
                day = LocalDate.ofYearDay(year, Integer.parseInt(found.get('j')));
            } else {
                day = LocalDate.of(year, month(found), Integer.parseInt(found.getOrDefault('d', "1")));
            }
            int second = Integer.parseInt(found.getOrDefault('S', "0"));
            LocalDateTime local = day.atTime(hour, Integer.parseInt(found.getOrDefault('M', "0")), second,
                    Integer.parseInt(fraction) * 1000);
            return found.containsKey('z') ? TemplateDateTime.attached(local, TemplateTimezone.fixed(offset(found.get('z'))))
                    : TemplateDateTime.naive(local);
        } catch (DateTimeException e) {
            throw TemplateDateTime.valueError(e);
        }
    }

    private static int month(Map<Character, String> found) {
        if (found.containsKey('m')) {
            return Integer.parseInt(found.get('m'));
        }
        String name = found.containsKey('B') ? found.get('B') : found.get('b');
        if (name == null) {
            return 1;
        }
        for (Month m : Month.values()) {
            if (m.getDisplayName(name.length() == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH)
                    .equalsIgnoreCase(name)) {
                return m.getValue();
            }
        }
        return 1;
    }
}

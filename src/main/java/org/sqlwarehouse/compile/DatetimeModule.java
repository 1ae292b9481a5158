package org.sqlwarehouse.compile;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * {@code modules.datetime}: the classes datetime, date, timedelta and timezone, each callable to
 * make one and with its class methods (now, utcnow, today, strptime, fromisoformat, fromtimestamp).
 */
public final class DatetimeModule implements PyObject {
    private static final String[] FIELDS = {"year", "month", "day", "hour", "minute", "second", "microsecond"};

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "datetime" -> new DatetimeClass();
            case "date" -> new DateClass();
            case "timedelta" -> (PyCallable) TemplateTimedelta::construct;
            case "timezone" -> new TimezoneClass();
            case "MINYEAR" -> 1L;
            case "MAXYEAR" -> 9999L;
            default -> MISSING;
        };
    }

    @Override
    public String toString() {
        return "<module 'datetime'>";
    }

    /** {@code datetime.datetime}: datetime(year, month, day, hour=0, ..., microsecond=0, tzinfo=None). */
    public static final class DatetimeClass implements PyObject, PyCallable {
        @Override
        public Object call(Arguments args) {
            Object[] values = new Object[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = args.get(i, FIELDS[i], i < 3 ? null : 0L);
                if (values[i] == null) {
                    throw Arguments.typeError("function missing required argument '" + FIELDS[i] + "' (pos "
                            + (i + 1) + ")");
                }
            }
            return TemplateDateTime.attached(localDateTime(values), timezoneArgument(args.get(7, "tzinfo", null)));
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "now" -> (PyCallable) args -> now(args.get(0, "tz", null));
                case "utcnow" -> (PyCallable) args -> TemplateDateTime.naive(LocalDateTime.now(ZoneOffset.UTC));
                case "today" -> (PyCallable) args -> now(null);
                case "strptime" -> (PyCallable) args -> DateTimeParsing.strptime(text(args, 0, "date_string"),
                        text(args, 1, "format"));
                case "fromisoformat" -> (PyCallable) args -> DateTimeParsing.isoDateTime(text(args, 0, "date_string"));
                case "fromtimestamp" -> (PyCallable) args -> fromTimestamp(args.get(0, "timestamp", 0L),
                        args.get(1, "tz", null));
                case "utcfromtimestamp" -> (PyCallable) args -> TemplateDateTime.naive(
                        fromTimestamp(args.get(0, "timestamp", 0L), TemplateTimezone.UTC).local());
                default -> MISSING;
            };
        }

        private static TemplateDateTime now(Object tz) {
            return tz == null ? TemplateDateTime.naive(LocalDateTime.now())
                    : TemplateDateTime.at(Instant.now(), timezoneArgument(tz));
        }

        private static TemplateDateTime fromTimestamp(Object seconds, Object tz) {
            if (!(seconds instanceof Number n)) {
                throw Arguments.typeError("fromtimestamp() takes a number of seconds");
            }
            long micros = Math.round(n.doubleValue() * 1e6);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L)
                    * 1000L);
            return tz == null ? TemplateDateTime.naive(LocalDateTime.ofInstant(at, ZoneId.systemDefault()))
                    : TemplateDateTime.at(at, timezoneArgument(tz));
        }

        @Override
        public String toString() {
            return "<class 'datetime.datetime'>";
        }
    }

    /** {@code datetime.date}: date(year, month, day), date.today(), date.fromisoformat(text). */
    public static final class DateClass implements PyObject, PyCallable {
        @Override
        public Object call(Arguments args) {
            Object[] values = {args.get(0, "year", null), args.get(1, "month", null), args.get(2, "day", null), 0L, 0L,
                0L, 0L};
            return TemplateDateTime.date(localDateTime(values).toLocalDate());
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "today" -> (PyCallable) args -> TemplateDateTime.date(LocalDate.now());
                case "fromisoformat" -> (PyCallable) args -> DateTimeParsing.isoDate(text(args, 0, "date_string"));
                case "fromtimestamp" -> (PyCallable) args -> TemplateDateTime.date(DatetimeClass.fromTimestamp(
                        args.get(0, "timestamp", 0L), null).local().toLocalDate());
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return "<class 'datetime.date'>";
        }
    }

    /** {@code datetime.timezone}: timezone(timedelta) and timezone.utc. */
    public static final class TimezoneClass implements PyObject, PyCallable {
        @Override
        public Object call(Arguments args) {
            if (!(args.get(0, "offset", null) instanceof TemplateTimedelta delta)) {
                throw Arguments.typeError("timezone() argument 1 must be datetime.timedelta");
            }
            if (delta.micros() % TemplateTimedelta.MICROS_PER_SECOND != 0
                    || Math.abs(delta.micros()) >= TemplateTimedelta.MICROS_PER_DAY) {
                throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: offset must be a timedelta"
                        + " of whole seconds strictly between -timedelta(hours=24) and timedelta(hours=24)");
            }
            return TemplateTimezone.fixed(ZoneOffset.ofTotalSeconds((int) (delta.micros()
                    / TemplateTimedelta.MICROS_PER_SECOND)));
        }

        @Override
        public Object getAttr(String name) {
            return name.equals("utc") ? TemplateTimezone.UTC : MISSING;
        }
    }

    private static String text(Arguments args, int index, String name) {
        Object v = args.get(index, name, null);
        if (!(v instanceof String s)) {
            throw Arguments.typeError(name + " must be str, not " + Py.typeName(v));
        }
        return s;
    }

    /** year, month, day, hour, minute, second, microsecond as a LocalDateTime, checked as Python does. */
    static LocalDateTime localDateTime(Object[] values) {
        int[] parts = new int[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            Object v = values[i];
            if (!(v instanceof Long || v instanceof Integer) ) {
                throw Arguments.typeError("'" + Py.typeName(v) + "' object cannot be interpreted as an integer");
            }
            parts[i] = ((Number) v).intValue();
        }
        if (parts[0] < 1 || parts[0] > 9999) {
            throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: year " + parts[0]
                    + " is out of range");
        }
        try {
            return LocalDateTime.of(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6] * 1000);
        } catch (DateTimeException e) {
            throw TemplateDateTime.valueError(e);
        }
    }

    /** A tzinfo= argument: None or a zone. */
    static TemplateTimezone timezoneArgument(Object tz) {
        if (tz == null || tz instanceof TemplateTimezone) {
            return (TemplateTimezone) tz;
        }
        throw Arguments.typeError("tzinfo argument must be None or of a tzinfo subclass, not type '"
                + Py.typeName(tz) + "'");
    }
}

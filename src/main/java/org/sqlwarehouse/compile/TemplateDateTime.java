package org.sqlwarehouse.compile;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.jinja.PyOperand;
import org.sqlwarehouse.jinja.PyTuple;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * A Python datetime.date, naive datetime or aware datetime as templates see it: its attributes and
 * methods, arithmetic with timedeltas, ordering, and str() as Python prints it
 * ({@code 2024-05-01}, {@code 2024-05-01 10:00:00}, {@code 2024-05-01 10:00:00.500000-04:00}).
 */
public final class TemplateDateTime implements PyObject, PyOperand {
    private final LocalDateTime local;
    private final boolean date;
    /** Bound to this datetime's offset; null for a date or a naive datetime. */
    private final TemplateTimezone tzinfo;

    private TemplateDateTime(LocalDateTime local, boolean date, TemplateTimezone tzinfo) {
        if (local.getYear() < 1 || local.getYear() > 9999) {
            throw new TemplateException(TemplateException.Kind.VALUE, "OverflowError: date value out of range");
        }
        this.local = local;
        this.date = date;
        this.tzinfo = tzinfo;
    }

    static TemplateDateTime date(LocalDate day) {
        return new TemplateDateTime(day.atStartOfDay(), true, null);
    }

    static TemplateDateTime naive(LocalDateTime local) {
        return new TemplateDateTime(local, false, null);
    }

    /** The datetime with tzinfo given as it is (the constructor's and replace()'s tzinfo=). */
    static TemplateDateTime attached(LocalDateTime local, TemplateTimezone zone) {
        return new TemplateDateTime(local, false, zone == null ? null : zone.attached());
    }

    /** The instant as a wall-clock time in the zone: datetime.now(tz), astimezone(tz). */
    static TemplateDateTime at(Instant instant, TemplateTimezone zone) {
        TemplateTimezone bound = zone.at(instant);
        return new TemplateDateTime(LocalDateTime.ofInstant(instant, bound.offset()), false, bound);
    }

    boolean isDate() {
        return date;
    }

    LocalDateTime local() {
        return local;
    }

    TemplateTimezone tzinfo() {
        return tzinfo;
    }

    TemplateDateTime withZone(TemplateTimezone bound) {
        return new TemplateDateTime(local, false, bound);
    }

    /** The instant; a naive datetime is the machine's local time, as in Python. */
    Instant instant() {
        return tzinfo != null ? local.toInstant(tzinfo.offset()) : local.atZone(ZoneId.systemDefault()).toInstant();
    }

    TemplateDateTime astimezone(TemplateTimezone zone) {
        return at(instant(), zone);
    }

    @Override
    public Object getAttr(String name) {
        Object common = switch (name) {
            case "year" -> (long) local.getYear();
            case "month" -> (long) local.getMonthValue();
            case "day" -> (long) local.getDayOfMonth();
            case "weekday" -> (PyCallable) args -> (long) local.getDayOfWeek().getValue() - 1;
            case "isoweekday" -> (PyCallable) args -> (long) local.getDayOfWeek().getValue();
            case "isocalendar" -> (PyCallable) args -> PyTuple.of((long) local.get(IsoFields.WEEK_BASED_YEAR),
                    (long) local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), (long) local.getDayOfWeek().getValue());
            case "toordinal" -> (PyCallable) args -> local.toLocalDate().toEpochDay() + 719_163L;
            case "strftime" -> (PyCallable) args -> Strftime.format(this, String.valueOf(args.get(0, "format", "")));
            case "isoformat" -> (PyCallable) args -> isoformat(String.valueOf(args.get(0, "sep", "T")),
                    String.valueOf(args.get(1, "timespec", "auto")));
            case "replace" -> (PyCallable) this::replace;
            default -> MISSING;
        };
        if (common != MISSING || date) {
            return common;
        }
        return switch (name) {
            case "hour" -> (long) local.getHour();
            case "minute" -> (long) local.getMinute();
            case "second" -> (long) local.getSecond();
            case "microsecond" -> (long) local.getNano() / 1000;
            case "fold" -> 0L;
            case "tzinfo" -> tzinfo;
            case "date" -> (PyCallable) args -> date(local.toLocalDate());
            case "timestamp" -> (PyCallable) args -> timestamp();
            case "astimezone" -> (PyCallable) args -> astimezone(args.get(0, "tz", null) instanceof TemplateTimezone z
                    ? z : TemplateTimezone.fixed(ZoneId.systemDefault().getRules().getOffset(instant())));
            case "utcoffset" -> (PyCallable) args -> tzinfo == null ? null
                    : new TemplateTimedelta(tzinfo.offset().getTotalSeconds() * TemplateTimedelta.MICROS_PER_SECOND);
            case "tzname" -> (PyCallable) args -> tzinfo == null ? null : tzinfo.abbreviation();
            default -> MISSING;
        };
    }

    private double timestamp() {
        Instant at = instant();
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), TemplateTimedelta.MICROS_PER_SECOND),
                at.getNano() / 1000);
        return (double) micros / TemplateTimedelta.MICROS_PER_SECOND;
    }

    /** replace(year=, month=, day=[, hour=, minute=, second=, microsecond=, tzinfo=]). */
    private Object replace(Arguments args) {
        String[] names = date ? new String[] {"year", "month", "day"}
            : new String[] {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"};
        Object[] values = {local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(),
            local.getMinute(), local.getSecond(), local.getNano() / 1000, tzinfo};
        for (int i = 0; i < names.length; i++) {
            values[i] = args.get(i, names[i], values[i]);
        }
        if (args.size() > names.length) {
            throw Arguments.typeError("replace() takes at most " + names.length + " arguments");
        }
        LocalDateTime moved = DatetimeModule.localDateTime(values);
        if (date) {
            return date(moved.toLocalDate());
        }
        Object zone = values[7];
        if (zone == tzinfo) {
            return new TemplateDateTime(moved, false, tzinfo);
        }
        return attached(moved, DatetimeModule.timezoneArgument(zone));
    }

    /** isoformat(sep='T', timespec='auto'); a date's is YYYY-MM-DD. */
    String isoformat(String sep, String timespec) {
        String day = String.format("%04d-%02d-%02d", local.getYear(), local.getMonthValue(), local.getDayOfMonth());
        if (date) {
            return day;
        }
        return day + sep + time(timespec) + (tzinfo == null ? "" : offsetText(tzinfo.offset(), ":"));
    }

    private String time(String timespec) {
        int micros = local.getNano() / 1000;
        return switch (timespec) {
            case "hours" -> String.format("%02d", local.getHour());
            case "minutes" -> String.format("%02d:%02d", local.getHour(), local.getMinute());
            case "seconds" -> String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
            case "milliseconds" -> time("seconds") + String.format(".%03d", micros / 1000);
            case "microseconds" -> time("seconds") + String.format(".%06d", micros);
            case "auto" -> time(micros == 0 ? "seconds" : "microseconds");
            default -> throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: Unknown timespec value");
        };
    }

    /** An offset as Python prints it: +05:30, -04:56:02 (seconds only when there are some). */
    static String offsetText(ZoneOffset offset, String separator) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String text = (total < 0 ? "-" : "+") + String.format("%02d%s%02d", abs / 3600, separator, abs % 3600 / 60);
        return abs % 60 == 0 ? text : text + separator + String.format("%02d", abs % 60);
    }

    @Override
    public Object operate(String op, Object other, boolean reflected) {
        if (other instanceof TemplateTimedelta delta && (op.equals("+") || (op.equals("-") && !reflected))) {
            long micros = op.equals("+") ? delta.micros() : -delta.micros();
            if (date) {
                // a date moves by whole days of the timedelta, its seconds ignored, as in Python
                long days = op.equals("+") ? delta.days() : -delta.days();
                return date(local.toLocalDate().plusDays(days));
            }
            return new TemplateDateTime(local.plus(micros, ChronoUnit.MICROS), false, tzinfo);
        }
        if (!(other instanceof TemplateDateTime that) || that.date != date || reflected && !op.equals(COMPARE)) {
            return op.equals(EQUALS) ? Boolean.FALSE : MISSING;
        }
        if (op.equals(EQUALS)) {
            return equals(that);
        }
        if (!op.equals("-") && !op.equals(COMPARE)) {
            return MISSING;
        }
        if ((tzinfo == null) != (that.tzinfo == null)) {
            throw Arguments.typeError("can't " + (op.equals("-") ? "subtract" : "compare")
                    + " offset-naive and offset-aware datetimes");
        }
        long micros = tzinfo == null ? ChronoUnit.MICROS.between(that.local, local)
                : ChronoUnit.MICROS.between(that.instant(), instant());
        if (op.equals("-")) {
            return new TemplateTimedelta(micros);
        }
        return Long.signum(micros) * (reflected ? -1 : 1);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TemplateDateTime that) || that.date != date || (tzinfo == null) != (that.tzinfo == null)) {
            return false;
        }
        return tzinfo == null ? local.equals(that.local) : instant().equals(that.instant());
    }

    @Override
    public int hashCode() {
        return tzinfo == null ? local.hashCode() : instant().hashCode();
    }

    @Override
    public String toString() {
        return isoformat(" ", "auto");
    }

    /** A DateTimeException from java.time as Python's ValueError. */
    static TemplateException valueError(DateTimeException e) {
        return new TemplateException(TemplateException.Kind.VALUE, "ValueError: " + e.getMessage());
    }
}

package org.sqlwarehouse.compile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.jinja.PyOperand;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * Python's datetime.timedelta: a signed number of microseconds, shown as days, seconds (0 to 86399)
 * and microseconds (0 to 999999) the way Python normalises it, so -1 second is "-1 day, 23:59:59".
 */
public final class TemplateTimedelta implements PyObject, PyOperand {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** Python's timedelta.max is 999999999 days; a long of microseconds stops near 106 million days. */
    private static final long MAX_DAYS = 100_000_000L;

    /** The constructor's arguments in Python's positional order, with their size in microseconds. */
    private static final String[] UNITS = {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours",
        "weeks"};
    private static final long[] UNIT_MICROS = {MICROS_PER_DAY, MICROS_PER_SECOND, 1, 1000, 60 * MICROS_PER_SECOND,
        3600 * MICROS_PER_SECOND, 7 * MICROS_PER_DAY};

    private final long micros;

    TemplateTimedelta(long micros) {
        if (Math.abs(Math.floorDiv(micros, MICROS_PER_DAY)) > MAX_DAYS) {
            throw overflow();
        }
        this.micros = micros;
    }

    /** timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0). */
    static TemplateTimedelta construct(Arguments args) {
        if (args.size() > UNITS.length) {
            throw Arguments.typeError("timedelta() takes at most 7 arguments (" + args.size() + " given)");
        }
        for (String name : args.keywords().keySet()) {
            if (!java.util.List.of(UNITS).contains(name)) {
                throw Arguments.typeError("'" + name + "' is an invalid keyword argument for __new__()");
            }
        }
        // exact arithmetic, then one rounding to the microsecond, half to even as Python rounds
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < UNITS.length; i++) {
            Object v = args.get(i, UNITS[i], 0L);
            total = total.add(exact(v, UNITS[i]).multiply(BigDecimal.valueOf(UNIT_MICROS[i])));
        }
        return new TemplateTimedelta(toMicros(total));
    }

    private static BigDecimal exact(Object v, String unit) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new TemplateException(TemplateException.Kind.VALUE, "cannot convert float " + d + " to integer");
            }
            return new BigDecimal(d);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        throw Arguments.typeError("unsupported type for timedelta " + unit + " component: "
                + org.sqlwarehouse.jinja.Py.typeName(v));
    }

    private static long toMicros(BigDecimal exactMicros) {
        BigDecimal rounded = exactMicros.setScale(0, RoundingMode.HALF_EVEN);
        if (rounded.abs().compareTo(BigDecimal.valueOf(MAX_DAYS * MICROS_PER_DAY)) > 0) {
            throw overflow();
        }
        return rounded.longValueExact();
    }

    private static TemplateException overflow() {
        return new TemplateException(TemplateException.Kind.VALUE, "OverflowError: timedelta is out of the range"
                + " this plugin supports (about " + MAX_DAYS + " days)");
    }

    long micros() {
        return micros;
    }

    public long days() {
        return Math.floorDiv(micros, MICROS_PER_DAY);
    }

    public long seconds() {
        return Math.floorMod(micros, MICROS_PER_DAY) / MICROS_PER_SECOND;
    }

    public long microseconds() {
        return Math.floorMod(micros, MICROS_PER_SECOND);
    }

    /** Python divides the microseconds by a million as integers: correctly rounded, as Java's / is here. */
    public double totalSeconds() {
        return (double) micros / MICROS_PER_SECOND;
    }

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "days" -> days();
            case "seconds" -> seconds();
            case "microseconds" -> microseconds();
            case "total_seconds" -> (PyCallable) args -> totalSeconds();
            default -> MISSING;
        };
    }

    @Override
    public Object operate(String op, Object other, boolean reflected) {
        if (op.equals(NEGATE)) {
            return new TemplateTimedelta(Math.negateExact(micros));
        }
        if (other instanceof TemplateTimedelta td) {
            long a = reflected ? td.micros : micros;
            long b = reflected ? micros : td.micros;
            return withDelta(op, a, b);
        }
        boolean integer = other instanceof Long || other instanceof Integer || other instanceof BigInteger
                || other instanceof Boolean;
        boolean number = integer || other instanceof Double || other instanceof Float;
        if (op.equals("*") && number) {
            return new TemplateTimedelta(toMicros(BigDecimal.valueOf(micros).multiply(exact(other, "factor"))));
        }
        if (!reflected && number && (op.equals("/") || (op.equals("//") && integer))) {
            BigDecimal divisor = exact(other, "divisor");
            if (divisor.signum() == 0) {
                throw new TemplateException(TemplateException.Kind.VALUE, "ZeroDivisionError: division by zero");
            }
            BigDecimal quotient = BigDecimal.valueOf(micros).divide(divisor, 12, RoundingMode.FLOOR);
            return new TemplateTimedelta(op.equals("/") ? toMicros(quotient)
                    : quotient.setScale(0, RoundingMode.FLOOR).longValueExact());
        }
        return op.equals(EQUALS) ? Boolean.FALSE : MISSING;
    }

    private static Object withDelta(String op, long a, long b) {
        try {
            return switch (op) {
                case "+" -> new TemplateTimedelta(Math.addExact(a, b));
                case "-" -> new TemplateTimedelta(Math.subtractExact(a, b));
                case "/" -> (double) a / divisor(b);
                case "//" -> Math.floorDiv(a, divisor(b));
                case "%" -> new TemplateTimedelta(Math.floorMod(a, divisor(b)));
                case COMPARE -> Long.compare(a, b);
                case EQUALS -> a == b;
                default -> MISSING;
            };
        } catch (ArithmeticException e) {
            throw overflow();
        }
    }

    private static long divisor(long b) {
        if (b == 0) {
            throw new TemplateException(TemplateException.Kind.VALUE,
                    "ZeroDivisionError: integer division or modulo by zero");
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateTimedelta td && td.micros == micros;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(micros);
    }

    /** "1 day, 2:03:04", "-1 day, 23:59:59", "0:00:00.500000", as Python's str(). */
    @Override
    public String toString() {
        long days = days();
        long seconds = seconds();
        long us = microseconds();
        StringBuilder b = new StringBuilder();
        if (days != 0) {
            b.append(days).append(" day").append(Math.abs(days) != 1 ? "s" : "").append(", ");
        }
        b.append(seconds / 3600).append(':').append(String.format("%02d:%02d", seconds % 3600 / 60, seconds % 60));
        if (us != 0) {
            b.append(String.format(".%06d", us));
        }
        return b.toString();
    }
}

package org.sqlwarehouse.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's value semantics over Java values: None is null, int is Long (BigInteger past 64 bits),
 * float is Double, str, bool, list (List), tuple ({@link PyTuple}), dict (Map). Truth, str(), repr(),
 * equality, ordering and membership as Python defines them.
 */
public final class Py {
    private Py() {
    }

    static Object narrow(BigInteger big) {
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof BigInteger || o instanceof Short
                || o instanceof Byte || o instanceof Boolean;
    }

    static boolean isNumber(Object o) {
        return o instanceof Number || o instanceof Boolean;
    }

    static boolean isFloat(Object o) {
        return o instanceof Double || o instanceof Float || o instanceof BigDecimal;
    }

    static long toLong(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).longValue();
    }

    static BigInteger toBig(Object o) {
        if (o instanceof BigInteger b) {
            return b;
        }
        return BigInteger.valueOf(toLong(o));
    }

    static double toDouble(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).doubleValue();
    }

    public static boolean truthy(Object o) {
        if (o == null || o instanceof Undefined) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        if (o instanceof Number n) {
            return isFloat(n) ? n.doubleValue() != 0 : (n instanceof BigInteger bi ? bi.signum() != 0 : n.longValue() != 0);
        }
        if (o instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (o instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Python's str(). */
    public static String str(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof Double || o instanceof Float) {
            return floatRepr(((Number) o).doubleValue());
        }
        if (o instanceof BigDecimal d) {
            return floatRepr(d.doubleValue());
        }
        if (o instanceof Number || o instanceof Undefined) {
            return o.toString();
        }
        if (o instanceof Collection<?> || o instanceof Map<?, ?>) {
            StringBuilder b = new StringBuilder();
            repr(o, b);
            return b.toString();
        }
        return String.valueOf(o);
    }

    /** Python's repr(). */
    public static String repr(Object o) {
        StringBuilder b = new StringBuilder();
        repr(o, b);
        return b.toString();
    }

    static void repr(Object o, StringBuilder b) {
        if (o instanceof PyMethods.DictView || o instanceof Globals.PyRange) {
            b.append(o);
        } else if (o instanceof String s) {
            quote(s, b);
        } else if (o instanceof PyTuple t) {
            b.append('(');
            for (int i = 0; i < t.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                repr(t.get(i), b);
            }
            b.append(t.size() == 1 ? ",)" : ")");
        } else if (o instanceof Collection<?> c) {
            b.append('[');
            boolean first = true;
            for (Object item : c) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                repr(item, b);
            }
            b.append(']');
        } else if (o instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                repr(e.getKey(), b);
                b.append(": ");
                repr(e.getValue(), b);
            }
            b.append('}');
        } else if (o instanceof Undefined) {
            b.append("Undefined");
        } else {
            b.append(str(o));
        }
    }

    static void quote(String s, StringBuilder b) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        b.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append(q);
    }

    /** Python's repr() of a float: the shortest digits, fixed between 1e-4 and 1e16, else 1e+16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = shortest(d).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }

    /** The fewest significant digits that read back as the same double, as Python's repr finds them. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
        return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN));
    }

    /** Python's type names, for messages. */
    public static String typeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (isInt(o)) {
            return "int";
        }
        if (o instanceof Number) {
            return "float";
        }
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        if (o instanceof Map<?, ?>) {
            return "dict";
        }
        if (o instanceof Undefined) {
            return "Undefined";
        }
        if (o instanceof Macro) {
            return "Macro";
        }
        return o.getClass().getSimpleName();
    }

    public static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (isNumber(a) && isNumber(b)) {
            if (isFloat(a) || isFloat(b)) {
                return toDouble(a) == toDouble(b);
            }
            if (a instanceof BigInteger || b instanceof BigInteger) {
                return toBig(a).equals(toBig(b));
            }
            return toLong(a) == toLong(b);
        }
        if (a instanceof String || b instanceof String) {
            return a.equals(b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if ((a instanceof PyTuple) != (b instanceof PyTuple) || la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!eq(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PyOperand || b instanceof PyOperand) {
            Object own = PyOperand.dispatch(PyOperand.EQUALS, a, b);
            if (own instanceof Boolean same) {
                return same;
            }
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Python's ordering; a TypeError where Python has none. */
    public static int compare(Object a, Object b, String op) {
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        if (isNumber(a) && isNumber(b)) {
            if (isFloat(a) || isFloat(b)) {
                return Double.compare(toDouble(a), toDouble(b));
            }
            if (a instanceof BigInteger || b instanceof BigInteger) {
                return toBig(a).compareTo(toBig(b));
            }
            return Long.compare(toLong(a), toLong(b));
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.compareTo(sb);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                if (!eq(la.get(i), lb.get(i))) {
                    return compare(la.get(i), lb.get(i), op);
                }
            }
            return Integer.compare(la.size(), lb.size());
        }
        if (PyOperand.dispatch(PyOperand.COMPARE, a, b) instanceof Integer order) {
            return order;
        }
        throw Arguments.typeError("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /** Python's {@code item in container}. */
    public static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw Arguments.typeError("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return s.contains(sub);
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(item) || (item instanceof Number && mapKey(m, item) != NO_KEY);
        }
        if (container instanceof Collection<?> c) {
            for (Object o : c) {
                if (eq(o, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Undefined) {
            return false;
        }
        throw Arguments.typeError("argument of type '" + typeName(container) + "' is not iterable");
    }

    static final Object NO_KEY = new Object();

    /** The key of m equal to a number key of another Java type (1 and 1L, as Python's hash does). */
    static Object mapKey(Map<?, ?> m, Object key) {
        if (m.containsKey(key)) {
            return key;
        }
        if (isNumber(key)) {
            for (Object k : m.keySet()) {
                if (isNumber(k) && eq(k, key)) {
                    return k;
                }
            }
        }
        return NO_KEY;
    }

    /** Python's iter(): a list's items, a dict's keys, a string's characters; none for undefined. */
    public static Iterable<?> iterate(Object o) {
        if (o instanceof Iterable<?> it) {
            return it;
        }
        if (o instanceof Map<?, ?> m) {
            return m.keySet();
        }
        if (o instanceof String s) {
            List<Object> chars = new ArrayList<>(s.length());
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (o instanceof Undefined) {
            return List.of();
        }
        if (o instanceof Iterator<?> it) {
            return () -> (Iterator<Object>) it;
        }
        throw Arguments.typeError("'" + typeName(o) + "' object is not iterable");
    }

    /** The items of an iterable as a new list. */
    public static List<Object> list(Object o) {
        List<Object> out = new ArrayList<>();
        for (Object item : iterate(o)) {
            out.add(item);
        }
        return out;
    }

    public static int len(Object o) {
        if (o instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (o instanceof Collection<?> c) {
            return c.size();
        }
        if (o instanceof Map<?, ?> m) {
            return m.size();
        }
        if (o instanceof Undefined) {
            return 0;
        }
        throw Arguments.typeError("object of type '" + typeName(o) + "' has no len()");
    }

    /** Values from outside (YAML, JSON, Java) as Python ones: every integer type as Long. */
    static Object normalizeKey(Object key) {
        if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        return key;
    }
}

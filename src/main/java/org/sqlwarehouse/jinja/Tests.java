package org.sqlwarehouse.jinja;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Jinja2's builtin tests. */
final class Tests {
    private Tests() {
    }

    static void register(Map<String, Test> t) {
        t.put("defined", (v, a) -> !(v instanceof Undefined));
        t.put("undefined", (v, a) -> v instanceof Undefined);
        t.put("none", (v, a) -> v == null);
        t.put("boolean", (v, a) -> v instanceof Boolean);
        t.put("true", (v, a) -> Boolean.TRUE.equals(v));
        t.put("false", (v, a) -> Boolean.FALSE.equals(v));
        t.put("integer", (v, a) -> Py.isInt(v) && !(v instanceof Boolean));
        t.put("float", (v, a) -> Py.isFloat(v));
        t.put("number", (v, a) -> Py.isNumber(v));
        t.put("string", (v, a) -> v instanceof String);
        t.put("mapping", (v, a) -> v instanceof Map<?, ?> || v instanceof PyMapping);
        t.put("sequence", (v, a) -> v instanceof String || v instanceof Collection<?> || v instanceof Map<?, ?>);
        t.put("iterable", (v, a) -> v instanceof String || v instanceof Iterable<?> || v instanceof Map<?, ?>
                || v instanceof Undefined);
        t.put("callable", (v, a) -> v instanceof PyCallable);
        t.put("odd", (v, a) -> Py.toBig(intArg(v)).testBit(0));
        t.put("even", (v, a) -> !Py.toBig(intArg(v)).testBit(0));
        t.put("divisibleby", (v, a) -> Py.eq(PyOps.binary("%", v, a.get(0), Long.MAX_VALUE), 0L));
        t.put("lower", (v, a) -> {
            String s = Py.str(v);
            return s.equals(s.toLowerCase(Locale.ROOT)) && !s.equals(s.toUpperCase(Locale.ROOT));
        });
        t.put("upper", (v, a) -> {
            String s = Py.str(v);
            return s.equals(s.toUpperCase(Locale.ROOT)) && !s.equals(s.toLowerCase(Locale.ROOT));
        });
        t.put("escaped", (v, a) -> Markup.is(a, v));
        t.put("sameas", (v, a) -> {
            Object o = a.get(0);
            if (v == null || o == null || v instanceof Boolean || o instanceof Boolean) {
                return v == o || v != null && v.equals(o) && v.getClass() == o.getClass();
            }
            return v == o || (v instanceof Long x && o instanceof Long y && x.equals(y) && x >= -5 && x <= 256);
        });
        t.put("in", (v, a) -> Py.contains(a.get(0), v));
        Test eq = (v, a) -> Py.eq(v, a.get(0));
        Test ne = (v, a) -> !Py.eq(v, a.get(0));
        Test gt = (v, a) -> Py.compare(v, a.get(0), ">") > 0;
        Test ge = (v, a) -> Py.compare(v, a.get(0), ">=") >= 0;
        Test lt = (v, a) -> Py.compare(v, a.get(0), "<") < 0;
        Test le = (v, a) -> Py.compare(v, a.get(0), "<=") <= 0;
        for (String n : List.of("eq", "equalto", "==")) {
            t.put(n, eq);
        }
        t.put("ne", ne);
        t.put("!=", ne);
        for (String n : List.of("gt", "greaterthan", ">")) {
            t.put(n, gt);
        }
        t.put("ge", ge);
        t.put(">=", ge);
        for (String n : List.of("lt", "lessthan", "<")) {
            t.put(n, lt);
        }
        t.put("le", le);
        t.put("<=", le);
        t.put("filter", (v, a) -> a.evaluator.environment().hasFilter(Py.str(v)));
        t.put("test", (v, a) -> a.evaluator.environment().hasTest(Py.str(v)));
    }

    private static Object intArg(Object v) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (!Py.isInt(v)) {
            throw Arguments.typeError("not all arguments converted during string formatting");
        }
        return v;
    }
}

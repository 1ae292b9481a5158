package org.sqlwarehouse.jinja;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's global functions: range, dict, namespace, cycler, joiner and lipsum. */
final class Globals {
    /** Jinja2's sandbox refuses ranges longer than this. */
    static final long MAX_RANGE = 100_000;

    private Globals() {
    }

    static void register(Map<String, Object> g) {
        g.put("range", (PyCallable) Globals::range);
        g.put("dict", (PyCallable) a -> {
            Map<Object, Object> m = new LinkedHashMap<>();
            if (a.size() > 0) {
                PyMethods.dict(m, "update").call(new Arguments(a.evaluator, a.positional(), Map.of(), a.line()));
            }
            m.putAll(a.keywords());
            return m;
        });
        g.put("namespace", (PyCallable) a -> {
            Namespace ns = new Namespace();
            if (a.size() > 0 && a.get(0) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> ns.put(Py.str(k), v));
            }
            a.keywords().forEach(ns::put);
            return ns;
        });
        g.put("cycler", (PyCallable) a -> new Cycler(a.positional()));
        g.put("lipsum", (PyCallable) Lipsum::generate);
        g.put("joiner", (PyCallable) a -> {
            String sep = Py.str(a.get(0, "sep", ", "));
            boolean[] used = {false};
            return (PyCallable) x -> {
                if (!used[0]) {
                    used[0] = true;
                    return "";
                }
                return sep;
            };
        });
    }

    private static Object range(Arguments a) {
        if (a.size() == 0 || a.size() > 3) {
            throw Arguments.typeError("range expected at most 3 arguments, got " + a.size());
        }
        for (Object o : a.positional()) {
            if (!Py.isInt(o)) {
                throw Arguments.typeError("'" + Py.typeName(o) + "' object cannot be interpreted as an integer");
            }
        }
        long start = a.size() == 1 ? 0 : Py.toLong(a.get(0));
        long stop = Py.toLong(a.get(a.size() == 1 ? 0 : 1));
        long step = a.size() == 3 ? Py.toLong(a.get(2)) : 1;
        if (step == 0) {
            throw new TemplateException(TemplateException.Kind.VALUE, "range() arg 3 must not be zero");
        }
        PyRange r = new PyRange(start, stop, step);
        if (r.size() > MAX_RANGE) {
            throw new TemplateException(TemplateException.Kind.LIMIT,
                    "Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
        }
        return r;
    }

    /** Python's range: a list that prints as range(start, stop). */
    static final class PyRange extends AbstractList<Object> {
        private final long start;
        private final long stop;
        private final long step;
        private final int size;

        PyRange(long start, long stop, long step) {
            this.start = start;
            this.stop = stop;
            this.step = step;
            long n = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
            this.size = (int) Math.max(0, Math.min(n, Integer.MAX_VALUE));
        }

        @Override
        public Object get(int index) {
            return start + index * step;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public String toString() {
            return "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")";
        }
    }

    /** namespace(): an object whose attributes a set statement may assign. */
    static final class Namespace implements PyObject {
        private final Map<String, Object> attrs = new LinkedHashMap<>();

        void put(String name, Object value) {
            attrs.put(name, value);
        }

        @Override
        public Object getAttr(String name) {
            return attrs.containsKey(name) ? attrs.get(name) : MISSING;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("<Namespace {");
            boolean first = true;
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append(Py.repr(e.getKey())).append(": ").append(Py.repr(e.getValue()));
            }
            return b.append("}>").toString();
        }
    }

    /** cycler(a, b, ...): next(), current and reset(). */
    static final class Cycler implements PyObject {
        private final List<Object> items;
        private int pos;

        Cycler(List<Object> items) {
            if (items.isEmpty()) {
                throw Arguments.typeError("at least one item has to be provided");
            }
            this.items = new java.util.ArrayList<>(items);
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "current" -> items.get(pos);
                case "next" -> (PyCallable) a -> {
                    Object v = items.get(pos);
                    pos = (pos + 1) % items.size();
                    return v;
                };
                case "reset" -> (PyCallable) a -> {
                    pos = 0;
                    return null;
                };
                default -> MISSING;
            };
        }
    }
}

package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Python's json.dumps as Jinja2's tojson filter calls it: sorted keys, and HTML-safe when asked. */
final class Json {
    private Json() {
    }

    static String dumps(Object value, Object indent, boolean htmlSafe) {
        StringBuilder b = new StringBuilder();
        int step = indent == null ? -1 : (int) Py.toLong(indent);
        write(value, b, step, 0, true);
        if (!htmlSafe) {
            return b.toString();
        }
        return b.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("'", "\\u0027");
    }

    /** Python's json.dumps with default arguments (keys in insertion order, ", " and ": "). */
    static String dumps(Object value) {
        StringBuilder b = new StringBuilder();
        write(value, b, -1, 0, false);
        return b.toString();
    }

    private static void write(Object v, StringBuilder b, int step, int depth, boolean sortKeys) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean x) {
            b.append(x ? "true" : "false");
        } else if (v instanceof String s) {
            string(s, b);
        } else if (Py.isFloat(v)) {
            double d = Py.toDouble(v);
            b.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Py.str(v));
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            if (sortKeys) {
                entries.sort((x, y) -> Py.compare(x.getKey(), y.getKey(), "<"));
            }
            open(b, '{', entries.isEmpty(), step, depth);
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                separator(b, first, step, depth + 1);
                first = false;
                Object k = e.getKey();
                string(k instanceof String s ? s : Py.isNumber(k) || k == null ? jsonKey(k) : Py.str(k), b);
                b.append(": ");
                write(e.getValue(), b, step, depth + 1, sortKeys);
            }
            close(b, '}', entries.isEmpty(), step, depth);
        } else if (v instanceof Collection<?> c) {
            open(b, '[', c.isEmpty(), step, depth);
            boolean first = true;
            for (Object o : c) {
                separator(b, first, step, depth + 1);
                first = false;
                write(o, b, step, depth + 1, sortKeys);
            }
            close(b, ']', c.isEmpty(), step, depth);
        } else if (v instanceof Undefined) {
            throw Arguments.typeError("Object of type Undefined is not JSON serializable");
        } else {
            string(Py.str(v), b);
        }
    }

    private static String jsonKey(Object k) {
        return k == null ? "null" : k instanceof Boolean x ? (x ? "true" : "false") : Py.str(k);
    }

    private static void open(StringBuilder b, char c, boolean empty, int step, int depth) {
        b.append(c);
    }

    private static void close(StringBuilder b, char c, boolean empty, int step, int depth) {
        if (step >= 0 && !empty) {
            b.append('\n').append(" ".repeat(step * depth));
        }
        b.append(c);
    }

    private static void separator(StringBuilder b, boolean first, int step, int depth) {
        if (!first) {
            b.append(step >= 0 ? "," : ", ");
        }
        if (step >= 0) {
            b.append('\n').append(" ".repeat(step * depth));
        }
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}

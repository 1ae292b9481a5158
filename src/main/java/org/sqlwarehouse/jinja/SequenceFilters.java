package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Jinja2's builtin filters on sequences and mappings, and default. */
final class SequenceFilters {
    private SequenceFilters() {
    }

    static void register(Map<String, Filter> f) {
        Filter dflt = (v, a) -> {
            Object fallback = a.get(0, "default_value", "");
            boolean bool = Py.truthy(a.get(1, "boolean", false));
            return v instanceof Undefined || (bool && !Py.truthy(v)) ? fallback : v;
        };
        f.put("default", dflt);
        f.put("d", dflt);
        f.put("length", (v, a) -> (long) Py.len(v));
        f.put("count", (v, a) -> (long) Py.len(v));
        f.put("list", (v, a) -> Py.list(v));
        f.put("first", (v, a) -> {
            for (Object o : Py.iterate(v)) {
                return o;
            }
            return Undefined.hinted("No first item, sequence was empty.");
        });
        f.put("last", (v, a) -> {
            List<Object> l = Py.list(v);
            return l.isEmpty() ? Undefined.hinted("No last item, sequence was empty.") : l.get(l.size() - 1);
        });
        f.put("random", (v, a) -> {
            List<Object> l = Py.list(v);
            return l.isEmpty() ? Undefined.hinted("No random item, sequence was empty.")
                    : l.get(ThreadLocalRandom.current().nextInt(l.size()));
        });
        f.put("reverse", (v, a) -> {
            if (v instanceof String s) {
                return new StringBuilder(s).reverse().toString();
            }
            List<Object> l = Py.list(v);
            Collections.reverse(l);
            return l;
        });
        f.put("join", (v, a) -> {
            String sep = Py.str(a.get(0, "d", ""));
            Object attribute = a.get(1, "attribute", null);
            Function<Object, Object> get = attribute == null ? x -> x : getter(attribute, null, false);
            if (Markup.autoescaping(a)) {
                List<Object> items = new ArrayList<>();
                Py.iterate(v).forEach(o -> items.add(get.apply(o)));
                return Markup.join(a, sep, a.get(0, "d", ""), items);
            }
            StringBuilder b = new StringBuilder();
            boolean first = true;
            for (Object o : Py.iterate(v)) {
                if (!first) {
                    b.append(sep);
                }
                first = false;
                b.append(Py.str(get.apply(o)));
            }
            return b.toString();
        });
        f.put("sum", (v, a) -> {
            Object attribute = a.get(0, "attribute", null);
            Object total = a.get(1, "start", 0L);
            if (total instanceof String) {
                throw Arguments.typeError("sum() can't sum strings [use ''.join(seq) instead]");
            }
            Function<Object, Object> get = attribute == null ? x -> x : getter(attribute, null, false);
            for (Object o : Py.iterate(v)) {
                total = PyOps.binary("+", total, get.apply(o), Long.MAX_VALUE);
            }
            return total;
        });
        f.put("min", (v, a) -> extreme(v, a, -1));
        f.put("max", (v, a) -> extreme(v, a, 1));
        f.put("sort", SequenceFilters::sort);
        f.put("dictsort", SequenceFilters::dictsort);
        f.put("unique", (v, a) -> {
            boolean cs = Py.truthy(a.get(0, "case_sensitive", false));
            Object attribute = a.get(1, "attribute", null);
            Function<Object, Object> key = attribute == null ? x -> cs ? x : lower(x) : getter(attribute, null, !cs);
            List<Object> seen = new ArrayList<>();
            List<Object> out = new ArrayList<>();
            for (Object o : Py.iterate(v)) {
                Object k = key.apply(o);
                if (!Py.contains(seen, k)) {
                    seen.add(k);
                    out.add(o);
                }
            }
            return out;
        });
        f.put("items", (v, a) -> {
            if (v instanceof Undefined) {
                return List.of();
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw Arguments.typeError("Can only get item pairs from a mapping.");
            }
            List<Object> out = new ArrayList<>();
            m.forEach((k, x) -> out.add(PyTuple.of(k, x)));
            return out;
        });
        f.put("batch", SequenceFilters::batch);
        f.put("slice", SequenceFilters::slice);
        f.put("groupby", SequenceFilters::groupby);
        f.put("attr", (v, a) -> {
            String name = Py.str(a.get(0));
            if (v instanceof Map<?, ?> m) {
                Object method = PyMethods.dict(m, name);
                return method != null ? method : Access.missing(v, name);
            }
            return Access.getattr(v, name);
        });
        f.put("map", SequenceFilters::map);
        f.put("select", (v, a) -> select(v, a, false, true));
        f.put("reject", (v, a) -> select(v, a, false, false));
        f.put("selectattr", (v, a) -> select(v, a, true, true));
        f.put("rejectattr", (v, a) -> select(v, a, true, false));
    }

    static Object lower(Object o) {
        return o instanceof String s ? s.toLowerCase(Locale.ROOT) : o;
    }

    /** Jinja2's attribute getter: "a.b.0" through getitem, with a default and optional lower-casing. */
    static Function<Object, Object> getter(Object attribute, Object fallback, boolean ignoreCase) {
        List<Object> parts = new ArrayList<>();
        if (attribute instanceof String s) {
            for (String p : s.split("\\.", -1)) {
                parts.add(!p.isEmpty() && p.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(p) : p);
            }
        } else {
            parts.add(attribute);
        }
        return item -> {
            Object v = item;
            for (Object p : parts) {
                v = Access.getitem(v, p);
            }
            if (fallback != null && v instanceof Undefined) {
                v = fallback;
            }
            return ignoreCase ? lower(v) : v;
        };
    }

    private static Function<Object, Object> multiGetter(Object attribute, boolean ignoreCase) {
        if (attribute instanceof String s && s.contains(",")) {
            List<Function<Object, Object>> gets = new ArrayList<>();
            for (String part : s.split(",")) {
                gets.add(getter(part, null, ignoreCase));
            }
            return item -> {
                List<Object> key = new ArrayList<>();
                for (Function<Object, Object> g : gets) {
                    key.add(g.apply(item));
                }
                return key;
            };
        }
        return getter(attribute, null, ignoreCase);
    }

    private static Object extreme(Object v, Arguments a, int sign) {
        boolean cs = Py.truthy(a.get(0, "case_sensitive", false));
        Object attribute = a.get(1, "attribute", null);
        Function<Object, Object> key = attribute == null ? x -> cs ? x : lower(x) : getter(attribute, null, !cs);
        Object best = null;
        Object bestKey = null;
        boolean any = false;
        for (Object o : Py.iterate(v)) {
            Object k = key.apply(o);
            if (!any || Py.compare(k, bestKey, sign < 0 ? "<" : ">") * sign > 0) {
                best = o;
                bestKey = k;
                any = true;
            }
        }
        return any ? best : Undefined.hinted("No aggregated item, sequence was empty.");
    }

    private static Object sort(Object v, Arguments a) {
        boolean reverse = Py.truthy(a.get(0, "reverse", false));
        boolean cs = Py.truthy(a.get(1, "case_sensitive", false));
        Object attribute = a.get(2, "attribute", null);
        Function<Object, Object> key = attribute == null ? x -> cs ? x : lower(x) : multiGetter(attribute, !cs);
        return PyMethods.sorted(Py.list(v), key, reverse);
    }

    private static Object dictsort(Object v, Arguments a) {
        boolean cs = Py.truthy(a.get(0, "case_sensitive", false));
        String by = Py.str(a.get(1, "by", "key"));
        boolean reverse = Py.truthy(a.get(2, "reverse", false));
        int pos = switch (by) {
            case "key" -> 0;
            case "value" -> 1;
            default -> throw new TemplateException(TemplateException.Kind.VALUE,
                    "You can only sort by either \"key\" or \"value\"");
        };
        List<Object> items = new ArrayList<>();
        ((Map<?, ?>) v).forEach((k, x) -> items.add(PyTuple.of(k, x)));
        return PyMethods.sorted(items, t -> {
            Object k = ((List<?>) t).get(pos);
            return cs ? k : lower(k);
        }, reverse);
    }

    private static Object batch(Object v, Arguments a) {
        long size = Py.toLong(a.get(0, "linecount", null));
        Object fill = a.get(1, "fill_with", null);
        List<Object> out = new ArrayList<>();
        List<Object> cur = new ArrayList<>();
        for (Object o : Py.iterate(v)) {
            if (cur.size() == size) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(o);
        }
        if (!cur.isEmpty()) {
            if (fill != null) {
                while (cur.size() < size) {
                    cur.add(fill);
                }
            }
            out.add(cur);
        }
        return out;
    }

    private static Object slice(Object v, Arguments a) {
        int slices = (int) Py.toLong(a.get(0, "slices", null));
        Object fill = a.get(1, "fill_with", null);
        List<Object> seq = Py.list(v);
        int per = seq.size() / slices;
        int extra = seq.size() % slices;
        int offset = 0;
        List<Object> out = new ArrayList<>();
        for (int n = 0; n < slices; n++) {
            int start = offset + n * per;
            if (n < extra) {
                offset++;
            }
            int end = offset + (n + 1) * per;
            List<Object> part = new ArrayList<>(seq.subList(start, end));
            if (fill != null && n >= extra) {
                part.add(fill);
            }
            out.add(part);
        }
        return out;
    }

    /** groupby's items: tuples that also answer .grouper and .list. */
    static final class GroupTuple extends PyTuple implements PyObject {
        GroupTuple(Object grouper, List<Object> list) {
            super(new Object[] {grouper, list});
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "grouper" -> get(0);
                case "list" -> get(1);
                default -> MISSING;
            };
        }
    }

    private static Object groupby(Object v, Arguments a) {
        Object attribute = a.get(0, "attribute", null);
        Object fallback = a.get(1, "default", null);
        boolean cs = Py.truthy(a.get(2, "case_sensitive", false));
        Function<Object, Object> key = getter(attribute, fallback, !cs);
        Function<Object, Object> shown = getter(attribute, fallback, false);
        List<Object> sorted = PyMethods.sorted(Py.list(v), key, false);
        List<Object> out = new ArrayList<>();
        Object currentKey = null;
        List<Object> group = null;
        for (Object o : sorted) {
            Object k = key.apply(o);
            if (group == null || !Py.eq(k, currentKey)) {
                if (group != null) {
                    out.add(new GroupTuple(shown.apply(group.get(0)), group));
                }
                group = new ArrayList<>();
                currentKey = k;
            }
            group.add(o);
        }
        if (group != null) {
            out.add(new GroupTuple(shown.apply(group.get(0)), group));
        }
        return out;
    }

    private static Object map(Object v, Arguments a) {
        Function<Object, Object> fn;
        if (a.size() == 0 && a.keywords().containsKey("attribute")) {
            fn = getter(a.keywords().get("attribute"), a.keywords().get("default"), false);
        } else {
            String name = Py.str(a.get(0));
            Filter filter = a.evaluator.environment().filter(name);
            Arguments rest = new Arguments(a.evaluator, a.positional().subList(1, a.size()), a.keywords(), a.line());
            fn = x -> filter.apply(x, rest);
        }
        List<Object> out = new ArrayList<>();
        // as Jinja2: a false value (none, an empty list) maps to nothing
        for (Object o : Py.truthy(v) ? Py.iterate(v) : List.of()) {
            out.add(fn.apply(o));
        }
        return out;
    }

    private static Object select(Object v, Arguments a, boolean byAttribute, boolean keep) {
        int i = 0;
        Function<Object, Object> get = x -> x;
        if (byAttribute) {
            get = getter(a.get(0), null, false);
            i = 1;
        }
        Function<Object, Boolean> check;
        if (a.size() > i) {
            Test test = a.evaluator.environment().test(Py.str(a.get(i)));
            Arguments rest = new Arguments(a.evaluator, a.positional().subList(i + 1, a.size()), a.keywords(), a.line());
            check = x -> test.test(x, rest);
        } else {
            check = Py::truthy;
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (Py.truthy(v) ? Py.iterate(v) : List.of())) {
            if (check.apply(get.apply(o)) == keep) {
                out.add(o);
            }
        }
        return out;
    }
}

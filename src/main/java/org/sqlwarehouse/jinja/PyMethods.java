package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The methods of Python's list and dict that templates call; str's are in {@link StrMethods}. */
final class PyMethods {
    private PyMethods() {
    }

    static Object str(String s, String name) {
        return StrMethods.method(s, name);
    }

    @SuppressWarnings("unchecked")
    static PyCallable list(List<?> list, String name) {
        List<Object> l = (List<Object>) list;
        if (list instanceof PyTuple) {
            return switch (name) {
                case "index" -> a -> index(l, a);
                case "count" -> a -> count(l, a.get(0));
                default -> null;
            };
        }
        return switch (name) {
            case "append" -> a -> {
                arity(a, "append", 1, 1);
                checkGrowth(a, l.size() + 1L);
                mutate(() -> l.add(a.get(0)));
                return null;
            };
            case "extend" -> a -> {
                arity(a, "extend", 1, 1);
                List<Object> items = Py.list(a.get(0));
                checkGrowth(a, (long) l.size() + items.size());
                mutate(() -> l.addAll(items));
                return null;
            };
            case "insert" -> a -> {
                arity(a, "insert", 2, 2);
                long i = Py.toLong(a.get(0));
                int n = l.size();
                int at = (int) Math.max(0, Math.min(n, i < 0 ? i + n : i));
                mutate(() -> l.add(at, a.get(1)));
                return null;
            };
            case "pop" -> a -> {
                arity(a, "pop", 0, 1);
                if (l.isEmpty()) {
                    throw indexError("pop from empty list");
                }
                long i = a.size() == 0 ? -1 : Py.toLong(a.get(0));
                long at = i < 0 ? i + l.size() : i;
                if (at < 0 || at >= l.size()) {
                    throw indexError("pop index out of range");
                }
                Object[] out = new Object[1];
                mutate(() -> out[0] = l.remove((int) at));
                return out[0];
            };
            case "remove" -> a -> {
                for (int i = 0; i < l.size(); i++) {
                    if (Py.eq(l.get(i), a.get(0))) {
                        int at = i;
                        mutate(() -> l.remove(at));
                        return null;
                    }
                }
                throw new TemplateException(TemplateException.Kind.VALUE, "list.remove(x): x not in list");
            };
            case "index" -> a -> index(l, a);
            case "count" -> a -> count(l, a.get(0));
            case "reverse" -> a -> {
                List<Object> copy = new ArrayList<>(l);
                java.util.Collections.reverse(copy);
                mutate(() -> {
                    l.clear();
                    l.addAll(copy);
                });
                return null;
            };
            case "sort" -> a -> {
                Object key = a.keywords().get("key");
                boolean reverse = Py.truthy(a.keywords().get("reverse"));
                List<Object> copy = sorted(l, key == null ? null : v -> callKey(key, a, v), reverse);
                mutate(() -> {
                    l.clear();
                    l.addAll(copy);
                });
                return null;
            };
            case "copy" -> a -> new ArrayList<>(l);
            case "clear" -> a -> {
                mutate(l::clear);
                return null;
            };
            default -> null;
        };
    }

    private static Object callKey(Object key, Arguments a, Object v) {
        if (!(key instanceof PyCallable c)) {
            throw Arguments.typeError("'" + Py.typeName(key) + "' object is not callable");
        }
        return c.call(new Arguments(a.evaluator, List.of(v), Map.of(), a.line()));
    }

    /** Python's sorted(): stable, every key computed once, reverse keeping equal items in order. */
    static List<Object> sorted(List<?> items, java.util.function.Function<Object, Object> key, boolean reverse) {
        int n = items.size();
        Object[][] pairs = new Object[n][];
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            pairs[i] = new Object[] {key == null ? item : key.apply(item), item};
        }
        Comparator<Object[]> c = (x, y) -> Py.compare(x[0], y[0], "<");
        java.util.Arrays.sort(pairs, reverse ? c.reversed() : c);
        List<Object> out = new ArrayList<>(n);
        for (Object[] p : pairs) {
            out.add(p[1]);
        }
        return out;
    }

    private static Object index(List<Object> l, Arguments a) {
        for (int i = 0; i < l.size(); i++) {
            if (Py.eq(l.get(i), a.get(0))) {
                return (long) i;
            }
        }
        throw new TemplateException(TemplateException.Kind.VALUE, Py.repr(a.get(0)) + " is not in list");
    }

    private static Object count(List<Object> l, Object x) {
        long n = 0;
        for (Object o : l) {
            if (Py.eq(o, x)) {
                n++;
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static PyCallable dict(Map<?, ?> map, String name) {
        Map<Object, Object> m = (Map<Object, Object>) map;
        return switch (name) {
            case "items" -> a -> {
                List<Object> out = new ArrayList<>(m.size());
                m.forEach((k, v) -> out.add(PyTuple.of(k, v)));
                return new DictView("dict_items", out);
            };
            case "keys" -> a -> new DictView("dict_keys", new ArrayList<>(m.keySet()));
            case "values" -> a -> new DictView("dict_values", new ArrayList<>(m.values()));
            case "get" -> a -> {
                arity(a, "get", 1, 2);
                Object k = Py.mapKey(m, a.get(0));
                return k != Py.NO_KEY ? m.get(k) : a.size() > 1 ? a.get(1) : null;
            };
            case "pop" -> a -> {
                arity(a, "pop", 1, 2);
                Object k = Py.mapKey(m, a.get(0));
                if (k == Py.NO_KEY) {
                    if (a.size() > 1) {
                        return a.get(1);
                    }
                    throw new TemplateException(TemplateException.Kind.VALUE, "KeyError: " + Py.repr(a.get(0)));
                }
                Object[] out = new Object[1];
                mutate(() -> out[0] = m.remove(k));
                return out[0];
            };
            case "popitem" -> a -> {
                if (m.isEmpty()) {
                    throw new TemplateException(TemplateException.Kind.VALUE, "KeyError: 'popitem(): dictionary is empty'");
                }
                Object last = null;
                for (Iterator<Object> it = m.keySet().iterator(); it.hasNext();) {
                    last = it.next();
                }
                Object k = last;
                Object v = m.get(k);
                mutate(() -> m.remove(k));
                return PyTuple.of(k, v);
            };
            case "setdefault" -> a -> {
                Object k = Py.mapKey(m, a.get(0));
                if (k != Py.NO_KEY) {
                    return m.get(k);
                }
                Object v = a.size() > 1 ? a.get(1) : null;
                mutate(() -> m.put(Py.normalizeKey(a.get(0)), v));
                return v;
            };
            case "update" -> a -> {
                Map<Object, Object> add = new LinkedHashMap<>();
                if (a.size() > 0) {
                    Object src = a.get(0);
                    if (src instanceof Map<?, ?> sm) {
                        add.putAll(sm);
                    } else {
                        for (Object pair : Py.iterate(src)) {
                            List<Object> kv = Py.list(pair);
                            add.put(Py.normalizeKey(kv.get(0)), kv.get(1));
                        }
                    }
                }
                add.putAll(a.keywords());
                mutate(() -> m.putAll(add));
                return null;
            };
            case "copy" -> a -> new LinkedHashMap<>(m);
            case "clear" -> a -> {
                mutate(m::clear);
                return null;
            };
            default -> null;
        };
    }

    /** A list may not grow past the output limit: a runaway loop fails instead of filling the heap. */
    private static void checkGrowth(Arguments a, long size) {
        PyOps.checkSize(size, a.evaluator == null ? Environment.DEFAULT_MAX_OUTPUT : a.evaluator.environment().maxOutput());
    }

    static void arity(Arguments a, String name, int min, int max) {
        if (a.size() < min || a.size() > max) {
            throw Arguments.typeError(name + "() takes " + (min == max ? "exactly " + min : "from " + min + " to " + max)
                    + " argument(s) (" + a.size() + " given)");
        }
    }

    private static TemplateException indexError(String message) {
        return new TemplateException(TemplateException.Kind.VALUE, "IndexError: " + message);
    }

    private static void mutate(Runnable change) {
        try {
            change.run();
        } catch (UnsupportedOperationException e) {
            throw Arguments.typeError("this object cannot be changed");
        }
    }

    /** dict.keys(), .values() and .items(): a list that prints as Python prints the view. */
    static final class DictView extends java.util.AbstractList<Object> {
        private final String kind;
        private final List<Object> items;

        DictView(String kind, List<Object> items) {
            this.kind = kind;
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public String toString() {
            return kind + "(" + Py.repr(items) + ")";
        }
    }
}

package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Operators;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.jinja.PyTuple;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * {@code modules.itertools}. The finite functions hand back lists (of tuples) a template can loop
 * over more than once; the endless count, cycle and repeat without times are lazy, for islice() or
 * zip() to take a part of, and stop with an error past {@link #ENDLESS_LIMIT} items.
 */
public final class ItertoolsModule implements PyObject {
    static final long ENDLESS_LIMIT = 1_000_000L;

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "chain" -> new Chain();
            case "product" -> (PyCallable) ItertoolsModule::product;
            case "combinations" -> (PyCallable) args -> choose(args, false, false);
            case "combinations_with_replacement" -> (PyCallable) args -> choose(args, true, false);
            case "permutations" -> (PyCallable) args -> choose(args, false, true);
            case "islice" -> (PyCallable) ItertoolsModule::islice;
            case "groupby" -> (PyCallable) ItertoolsModule::groupby;
            case "accumulate" -> (PyCallable) ItertoolsModule::accumulate;
            case "count" -> (PyCallable) ItertoolsModule::count;
            case "cycle" -> (PyCallable) ItertoolsModule::cycle;
            case "repeat" -> (PyCallable) ItertoolsModule::repeat;
            default -> MISSING;
        };
    }

    @Override
    public String toString() {
        return "<module 'itertools'>";
    }

    /** chain(a, b, ...) and chain.from_iterable(iterables). */
    public static final class Chain implements PyObject, PyCallable {
        @Override
        public Object call(Arguments args) {
            return concat(args.positional());
        }

        @Override
        public Object getAttr(String name) {
            return name.equals("from_iterable") ? (PyCallable) args -> concat(Py.iterate(args.get(0, "iterable", null)))
                    : MISSING;
        }

        private static List<Object> concat(Iterable<?> iterables) {
            List<Object> out = new ArrayList<>();
            for (Object iterable : iterables) {
                out.addAll(Py.list(iterable));
            }
            return out;
        }
    }

    /** product(a, b, ..., repeat=1): every tuple with one item of each, the last varying fastest. */
    private static Object product(Arguments args) {
        long repeat = integer(args.keywords().getOrDefault("repeat", 1L), "repeat");
        List<List<Object>> pools = new ArrayList<>();
        for (long i = 0; i < repeat; i++) {
            for (Object iterable : args.positional()) {
                pools.add(Py.list(iterable));
            }
        }
        List<List<Object>> tuples = new ArrayList<>();
        tuples.add(List.of());
        for (List<Object> pool : pools) {
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> prefix : tuples) {
                for (Object item : pool) {
                    List<Object> t = new ArrayList<>(prefix);
                    t.add(item);
                    longer.add(t);
                }
                checkSize(longer.size());
            }
            tuples = longer;
        }
        return tuples.stream().map(t -> (Object) PyTuple.of(t)).toList();
    }

    /**
     * combinations(iterable, r), combinations_with_replacement(iterable, r) and
     * permutations(iterable, r=None), in Python's order: by the positions of the items taken.
     */
    private static Object choose(Arguments args, boolean replacement, boolean ordered) {
        List<Object> pool = Py.list(args.get(0, "iterable", null));
        Object size = args.get(1, "r", ordered ? null : MISSING);
        if (size == MISSING) {
            throw Arguments.typeError("missing required argument 'r'");
        }
        long r = size == null ? pool.size() : integer(size, "r");
        if (r < 0) {
            throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: r must be non-negative");
        }
        List<Object> out = new ArrayList<>();
        if (r <= pool.size() || replacement) {
            pick(pool, (int) r, replacement, ordered, 0, new ArrayList<>(), new boolean[pool.size()], out);
        }
        return out;
    }

    private static void pick(List<Object> pool, int r, boolean replacement, boolean ordered, int from,
            List<Integer> taken, boolean[] used, List<Object> out) {
        if (taken.size() == r) {
            out.add(PyTuple.of(taken.stream().map(pool::get).toList()));
            checkSize(out.size());
            return;
        }
        for (int i = ordered ? 0 : from; i < pool.size(); i++) {
            if (ordered && used[i]) {
                continue;
            }
            used[i] = true;
            taken.add(i);
            pick(pool, r, replacement, ordered, replacement ? i : i + 1, taken, used, out);
            taken.remove(taken.size() - 1);
            used[i] = false;
        }
    }

    /** islice(iterable, stop) or islice(iterable, start, stop[, step]); reads no further than it needs. */
    private static Object islice(Arguments args) {
        Object iterable = args.get(0, "iterable", null);
        boolean stopOnly = args.size() == 2;
        Object start = stopOnly ? null : args.get(1, "start", null);
        Object stop = stopOnly ? args.get(1) : args.get(2, "stop", null);
        long from = start == null ? 0 : integer(start, "start");
        long until = stop == null ? Long.MAX_VALUE : integer(stop, "stop");
        long step = args.size() > 3 && args.get(3) != null ? integer(args.get(3), "step") : 1;
        if (from < 0 || until < 0 || step < 1) {
            throw new TemplateException(TemplateException.Kind.VALUE, "ValueError: Indices for islice() must be None"
                    + " or an integer: 0 <= x <= sys.maxsize.");
        }
        List<Object> out = new ArrayList<>();
        long index = 0;
        for (Iterator<?> it = Py.iterate(iterable).iterator(); index < until && it.hasNext(); index++) {
            Object item = it.next();
            if (index >= from && (index - from) % step == 0) {
                out.add(item);
            }
        }
        return out;
    }

    /** groupby(iterable, key=None): (key, items) for each run of items with equal keys. */
    private static Object groupby(Arguments args) {
        Object key = args.get(1, "key", null);
        List<Object> out = new ArrayList<>();
        Object current = MISSING;
        List<Object> group = null;
        for (Object item : Py.iterate(args.get(0, "iterable", null))) {
            Object k = key == null ? item : callback(key, args, item);
            if (group == null || !Py.eq(k, current)) {
                group = new ArrayList<>();
                current = k;
                out.add(PyTuple.of(k, group));
            }
            group.add(item);
        }
        return out;
    }

    /** accumulate(iterable, func=None, initial=None): running sums, or running func(total, item). */
    private static Object accumulate(Arguments args) {
        Object func = args.get(1, "func", null);
        Object initial = args.keywords().getOrDefault("initial", null);
        List<Object> out = new ArrayList<>();
        Object total = initial;
        boolean started = initial != null;
        if (started) {
            out.add(initial);
        }
        for (Object item : Py.iterate(args.get(0, "iterable", null))) {
            total = !started ? item : func == null ? Operators.binary("+", total, item) : callback(func, args, total, item);
            started = true;
            out.add(total);
        }
        return out;
    }

    private static Object callback(Object function, Arguments call, Object... values) {
        if (!(function instanceof PyCallable callable)) {
            throw Arguments.typeError("'" + Py.typeName(function) + "' object is not callable");
        }
        return callable.call(call.with(List.of(values)));
    }

    /** count(start=0, step=1): start, start+step, ... without end. */
    private static Object count(Arguments args) {
        Object start = args.get(0, "start", 0L);
        Object step = args.get(1, "step", 1L);
        // by repeated addition, as Python counts (floats add up their rounding the same way)
        return endless("count", () -> {
            Object[] next = {start};
            return () -> {
                Object value = next[0];
                next[0] = Operators.binary("+", value, step);
                return value;
            };
        });
    }

    /** cycle(iterable): its items again and again. */
    private static Object cycle(Arguments args) {
        List<Object> items = Py.list(args.get(0, "iterable", null));
        return items.isEmpty() ? List.of() : endless("cycle", () -> {
            Iterator<?>[] it = {items.iterator()};
            return () -> {
                if (!it[0].hasNext()) {
                    it[0] = items.iterator();
                }
                return it[0].next();
            };
        });
    }

    /** repeat(object, times=None): a list when times is given, else endless. */
    private static Object repeat(Arguments args) {
        Object item = args.get(0, "object", null);
        Object times = args.get(1, "times", null);
        if (times == null) {
            return endless("repeat", () -> () -> item);
        }
        long n = Math.max(0, integer(times, "times"));
        checkSize(n);
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(item);
        }
        return out;
    }

    /** An endless iterable: each iteration asks generators for a fresh generator of its items. */
    private static Iterable<Object> endless(String name, Supplier<Supplier<Object>> generators) {
        return () -> new Iterator<>() {
            private final Supplier<Object> items = generators.get();
            private long index;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                if (index >= ENDLESS_LIMIT) {
                    throw new TemplateException(TemplateException.Kind.LIMIT, "itertools." + name + "() never ends:"
                            + " take a part of it with islice(), or zip() it with a list");
                }
                index++;
                return items.get();
            }
        };
    }

    private static long integer(Object v, String name) {
        if (!(v instanceof Long || v instanceof Integer)) {
            throw Arguments.typeError(name + " must be an integer, not " + Py.typeName(v));
        }
        return ((Number) v).longValue();
    }

    private static void checkSize(long size) {
        if (size > ENDLESS_LIMIT) {
            throw new TemplateException(TemplateException.Kind.LIMIT, "an itertools result of more than "
                    + ENDLESS_LIMIT + " items");
        }
    }
}

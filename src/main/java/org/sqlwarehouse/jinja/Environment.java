package org.sqlwarehouse.jinja;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Jinja2 environment as dbt sets one up: sandboxed, with the {@code do} and loop-control
 * statements, Jinja2's builtin filters, tests and globals, and default {@link Undefined}. Add
 * filters, tests and globals before rendering; afterwards it may be shared by threads.
 */
public final class Environment {
    /** How deep macro calls may nest: about where Python stops. */
    public static final int DEFAULT_MAX_DEPTH = 1000;
    /** How long one render's output (or one string or list it builds) may grow. */
    public static final long DEFAULT_MAX_OUTPUT = 50_000_000L;

    private final Map<String, Filter> filters = new HashMap<>();
    private final Map<String, Test> tests = new HashMap<>();
    private final Map<String, Object> globals = new HashMap<>();
    private final Map<String, Template> loaded = new ConcurrentHashMap<>();
    private TemplateLoader loader = TemplateLoader.NONE;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private long maxOutput = DEFAULT_MAX_OUTPUT;

    public Environment() {
        Filters.register(filters);
        SequenceFilters.register(filters);
        Tests.register(tests);
        Globals.register(globals);
    }

    public Environment filter(String name, Filter filter) {
        filters.put(name, filter);
        return this;
    }

    public Environment test(String name, Test test) {
        tests.put(name, test);
        return this;
    }

    public Environment global(String name, Object value) {
        globals.put(name, value);
        return this;
    }

    public Environment loader(TemplateLoader templateLoader) {
        this.loader = templateLoader;
        return this;
    }

    public Environment limits(int depth, long output) {
        this.maxDepth = depth;
        this.maxOutput = output;
        return this;
    }

    public boolean hasFilter(String name) {
        return filters.containsKey(name);
    }

    public boolean hasTest(String name) {
        return tests.containsKey(name);
    }

    Filter filter(String name) {
        Filter f = filters.get(name);
        if (f == null) {
            throw new TemplateException(TemplateException.Kind.RUNTIME, "unknown filter '" + name + "'");
        }
        return f;
    }

    Test test(String name) {
        Test t = tests.get(name);
        if (t == null) {
            throw new TemplateException(TemplateException.Kind.RUNTIME, "unknown test '" + name + "'");
        }
        return t;
    }

    Object globalOr(String name, Object fallback) {
        return globals.getOrDefault(name, fallback);
    }

    int maxDepth() {
        return maxDepth;
    }

    long maxOutput() {
        return maxOutput;
    }

    /** Parses a template; a syntax error is a {@link TemplateException} naming the template and line. */
    public Template parse(String name, String source) {
        return Parser.parse(this, name, source);
    }

    /** Parses and renders in one go. */
    public String render(String name, String source, Map<String, Object> context) {
        return parse(name, source).render(context);
    }

    /** A template from the loader, parsed once; null when the loader has none by that name. */
    Template load(String name) {
        Template t = loaded.get(name);
        if (t != null) {
            return t;
        }
        String source = loader.load(name);
        if (source == null) {
            return null;
        }
        t = parse(name, source);
        loaded.putIfAbsent(name, t);
        return t;
    }
}

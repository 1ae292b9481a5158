package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sqlwarehouse.report.BuildLog;

/**
 * What one render of one node records: the refs and sources it read, its config() calls and every
 * problem, each with its line. The template functions reach it through {@link #current()}.
 */
final class RenderState {
    private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

    /** A ref() call: the name asked for, the line, and the relation handed back. */
    record RefCall(String name, int line, Relation returned) {
    }

    /** A source() call. */
    record SourceCall(String source, String table, int line) {
    }

    final String file;
    final Map<String, Object> vars;
    final Map<String, String> environment;
    final Function<String, Relation> refResolver;
    final Function<String, Relation> sourceResolver;
    final boolean incremental;
    final BuildLog log;
    final List<RefCall> refs = new ArrayList<>();
    final List<SourceCall> sources = new ArrayList<>();
    final Map<String, Object> configCalls = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    RenderState(String file, Map<String, Object> vars, Map<String, String> environment,
            Function<String, Relation> refResolver, Function<String, Relation> sourceResolver, boolean incremental,
            BuildLog log) {
        this.file = file;
        this.vars = vars;
        this.environment = environment;
        this.refResolver = refResolver;
        this.sourceResolver = sourceResolver;
        this.incremental = incremental;
        this.log = log;
    }

    static RenderState current() {
        return CURRENT.get();
    }

    /** Makes this the state the template functions see on this thread, until the returned scope closes. */
    AutoCloseable activate() {
        RenderState previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    void problem(int line, String message) {
        problems.add(file + (line > 0 ? " line " + line : "") + ": " + message);
    }
}

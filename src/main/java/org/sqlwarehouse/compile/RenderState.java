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

    /** An undefined name, where it was met: line and position of the expression. */
    private record Unknown(String name, int line, int position) {
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
    private final List<Unknown> unknowns = new ArrayList<>();

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

    void unknownVariable(String name, int line, int position) {
        unknowns.add(new Unknown(name, line, position));
    }

    /**
     * A 'defined' test or 'default' filter met a null in the expression at line/position: if the
     * last undefined name was met in that same expression, that use of it is legitimate.
     */
    void forgiveLastUnknown(int line, int position) {
        if (!unknowns.isEmpty()) {
            Unknown last = unknowns.get(unknowns.size() - 1);
            if (last.line() == line && last.position() == position) {
                unknowns.remove(unknowns.size() - 1);
            }
        }
    }

    /** Turns the unknown names no test or default excused into problems. */
    void settleUnknowns() {
        for (Unknown u : unknowns) {
            problem(u.line(), "'" + u.name() + "' is undefined");
        }
        unknowns.clear();
    }
}

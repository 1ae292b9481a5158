package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one render of one node records: the refs it made, its config() calls and every problem, each
 * with its line. Lives in the template context so that the static template functions can reach it.
 */
final class RenderState {
    /** A ref() call: the name asked for, the line, and the relation handed back. */
    record RefCall(String name, int line, Relation returned) {
    }

    /** An undefined name, where it was met: line and position of the expression. */
    private record Unknown(String name, int line, int position) {
    }

    final String file;
    final Map<String, Object> vars;
    final Map<String, String> environment;
    final Function<String, Relation> refResolver;
    final List<RefCall> refs = new ArrayList<>();
    final Map<String, Object> configCalls = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    private final List<Unknown> unknowns = new ArrayList<>();

    RenderState(String file, Map<String, Object> vars, Map<String, String> environment,
            Function<String, Relation> refResolver) {
        this.file = file;
        this.vars = vars;
        this.environment = environment;
        this.refResolver = refResolver;
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

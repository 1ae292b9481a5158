package org.sqlwarehouse.compile;

import java.util.HashMap;
import java.util.Map;

/**
 * A compile's renders, without a database: each renders as a build would (execute true), and one
 * that asks the database renders again as dbt's parse renders it; see {@link #render}.
 */
final class CompileRenders {
    private CompileRenders() {
    }

    /** The first of what templates asked the database, or null when none asked. */
    static String firstAsked(String... asked) {
        for (String a : asked) {
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** A render at compile time: its SQL and its state. */
    record Rendered(String sql, RenderState state) {
    }

    /**
     * Renders without a database as a build would render (execute true). A template that asks the
     * database is rendered again as dbt's parse renders it (execute false, every question answered
     * with nothing), for its refs and config; the state says what it asked, and the node renders
     * again when built.
     */
    static Rendered render(TemplateRenderer renderer, String template,
            java.util.function.Supplier<RenderState> newState, Map<String, Object> bindings) {
        RenderState state = newState.get();
        String sql = renderer.render(template, state, bindings);
        if (state.needsDatabase == null) {
            return new Rendered(sql, state);
        }
        RenderState parse = newState.get();
        parse.database = DatabaseAccess.PARSE;
        parse.needsDatabase = state.needsDatabase;
        Map<String, Object> parseBindings = new HashMap<>(bindings);
        parseBindings.put("execute", false);
        String parsed = renderer.render(template, parse, parseBindings);
        // what the first render read before it asked (a ref in a statement block) is read when built too
        for (RenderState.RefCall ref : state.refs) {
            if (parse.refs.stream().noneMatch(r -> r.name().equals(ref.name()))) {
                parse.refs.add(ref);
            }
        }
        for (RenderState.SourceCall source : state.sources) {
            if (!parse.sources.contains(source)) {
                parse.sources.add(source);
            }
        }
        return new Rendered(parsed, parse);
    }
}

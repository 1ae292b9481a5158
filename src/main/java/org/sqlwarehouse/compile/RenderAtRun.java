package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.sqlwarehouse.project.BatchWindow;

/**
 * How to render a node again when it is built, for a node whose templates ask the database
 * (dbt_utils.star, get_column_values, run_query, ...): dbt renders every node just before it
 * runs, with a connection, and so does the builder for these. Its compile-time SQL is what dbt's
 * parse renders (execute false); what ran is this render's.
 *
 * <p>Renders share the compile's renderer, which serves one thread at a time: they take turns.
 */
public final class RenderAtRun {
    /**
     * The parts of a node that are templates.
     *
     * @param refs the models and seeds its compile saw it read: the build ran it after them
     */
    record Templates(String sql, boolean incremental, Map<String, Object> bindings, List<String> preHooks,
            List<String> postHooks, java.util.Set<String> refs) {
    }

    private final String reason;
    private final TemplateRenderer renderer;
    private final Templates templates;
    /** A fresh render state for the node: with is_incremental() true or false. */
    private final Function<Boolean, RenderState> newState;
    /** The event_time of what the node reads, for a microbatch model's renders per batch. */
    private volatile UpstreamEventTimes upstream = UpstreamEventTimes.NONE;
    /** Inlines the ephemeral models the node reads; set once the compile knows them all. */
    private volatile UnaryOperator<String> withEphemerals = UnaryOperator.identity();

    RenderAtRun(String reason, TemplateRenderer renderer, Templates templates, Function<Boolean, RenderState> newState) {
        this.reason = reason;
        this.renderer = renderer;
        this.templates = templates;
        this.newState = newState;
    }

    void withEphemerals(UnaryOperator<String> inline) {
        this.withEphemerals = inline;
    }

    void withUpstream(UpstreamEventTimes eventTimes) {
        this.upstream = eventTimes;
    }

    /**
     * A microbatch model's select for one batch, rendered now as dbt renders each batch: its refs and
     * sources with an event_time filtered to the batch, {@code model.batch} telling the batch.
     *
     * @param incremental what is_incremental() answers: the table exists (dbt: every batch but a
     *                    first run's first)
     */
    public String renderBatch(CompiledNode node, DatabaseAccess database, BatchWindow batch,
            boolean incremental) throws CompileException {
        RenderState state = newState.apply(incremental);
        state.batch = batch;
        state.upstream = upstream;
        return withEphemerals.apply(render(templates.sql(), state, database, node.originalFilePath()).strip());
    }

    /** What the templates asked the database, e.g. adapter.get_columns_in_relation. */
    public String reason() {
        return reason;
    }

    /** The node with its SQL (and incremental SQL) rendered now, asking the given database. */
    public CompiledNode renderSql(CompiledNode node, DatabaseAccess database) throws CompileException {
        if (templates.sql() == null) {
            return node;
        }
        String sql = withEphemerals.apply(render(templates.sql(), false, database, node.originalFilePath()).strip());
        String incrementalSql = templates.incremental() ? withEphemerals.apply(
                render(templates.sql(), true, database, node.originalFilePath()).strip()) : null;
        return node.withSql(sql, incrementalSql);
    }

    /**
     * The pre-hook or post-hook statements rendered now: a post-hook renders after the node was
     * built, and sees it.
     */
    public List<String> renderHooks(boolean pre, DatabaseAccess database, String file) throws CompileException {
        List<String> out = new ArrayList<>();
        for (String hook : pre ? templates.preHooks() : templates.postHooks()) {
            String rendered = render(hook, false, database, file + (pre ? " (pre-hook)" : " (post-hook)")).strip();
            if (!rendered.isEmpty()) {
                out.add(rendered);
            }
        }
        return out;
    }

    private String render(String template, boolean incremental, DatabaseAccess database, String file)
            throws CompileException {
        return render(template, newState.apply(incremental), database, file);
    }

    private String render(String template, RenderState state, DatabaseAccess database, String file)
            throws CompileException {
        state.database = database;
        String out;
        synchronized (renderer) {
            out = renderer.render(template, state, new HashMap<>(templates.bindings()));
        }
        for (RenderState.RefCall ref : state.refs) {
            if (!templates.refs().contains(ref.name())) {
                // it may not have been built yet: the graph did not know this node reads it
                state.problems.add(ref.where() + ": ref('" + ref.name() + "') was not found when the project was"
                        + " compiled (it is only reached when the node renders with the database), so the build"
                        + " order does not know of it; declare it at the top of the file with"
                        + " -- depends_on: {{ ref('" + ref.name() + "') }}");
            }
        }
        if (!state.problems.isEmpty()) {
            throw new CompileException(state.problems, "The node was rendered when built, because its templates ask"
                    + " the database (" + reason + "); fix the template or the relations it reads.");
        }
        return out;
    }
}

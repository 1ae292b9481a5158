package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.MacroCall;
import org.sqlwarehouse.project.BatchWindow;
import org.sqlwarehouse.report.BuildLog;

/**
 * What one render of one node records: the refs and sources it read, its config() calls and every
 * problem, each with its line. The template functions reach it through {@link #current()}.
 */
final class RenderState {
    private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();
    /** Macro calls shown at each end of a longer chain of them. */
    private static final int SHOWN_CALLS = 4;

    /**
     * A ref() call: the name asked for, the line, and the relation handed back; where is the file and
     * line as {@link #where} tells them, through the macros it was called in; packageName the
     * package of a two-argument ref('package', 'name'), else null.
     */
    record RefCall(String name, int line, Relation returned, String where, String packageName) {
        RefCall(String name, int line, Relation returned, String where) {
            this(name, line, returned, where, null);
        }
    }

    /** A source() call. */
    record SourceCall(String source, String table, int line, String where) {
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
    /** What the template may ask the database; a compile's renders have none. */
    DatabaseAccess database = DatabaseAccess.PROBE;
    /** What the template asked the database when it had none: it renders again when built. */
    String needsDatabase;
    /** What statement blocks stored for load_result(), by name. */
    final Map<String, Object> statementResults = new java.util.HashMap<>();
    /** The batch a microbatch model renders for, or null: its reads of relations with an event_time are filtered to it. */
    BatchWindow batch;
    /** The event_time of what a microbatch render may read. */
    UpstreamEventTimes upstream = UpstreamEventTimes.NONE;
    /** The installed package the rendered node belongs to, null for the root project's nodes. */
    String nodePackage;
    /** The template is a call the compiler wrote (a generic test's): its line means nothing to the user. */
    boolean written;

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

    /**
     * A relation as ref() or source() hands it to the template: in a microbatch render, filtered to
     * the batch when it has an event_time, as dbt renders it (a subquery; .render() stays unfiltered).
     */
    Relation filteredToBatch(Relation relation, String eventTime) {
        if (batch == null || relation == null || eventTime == null || eventTime.isBlank()) {
            return relation;
        }
        return relation.filtered(batch.filter(eventTime));
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

    /** A problem with a template function's call, at the call: in a macro, the macro and its caller too. */
    void problem(Arguments args, String message) {
        problems.add(where(args) + ": " + message);
    }

    /** Where a template function was called, see {@link #where(List, String, int)}. */
    String where(Arguments args) {
        return where(args.macroCalls(), args.templateName(), args.line());
    }

    /**
     * Where something happened, as a user finds it: this render's file and line, then each macro call
     * it was in, each with its file and the line in it, e.g. {@code models/orders.sql line 3: in macro
     * cents_to_dollars (macros/money.sql line 5)}.
     *
     * @param calls        the macro calls it was in, outermost first
     * @param templateName the template it happened in, the innermost macro's file when there are calls
     * @param line         the line there, 0 when unknown
     */
    String where(List<MacroCall> calls, String templateName, int line) {
        StringBuilder b = new StringBuilder(file);
        String atFile = calls.isEmpty() ? templateName : calls.get(0).callerFile();
        int atLine = written ? 0 : calls.isEmpty() ? line : calls.get(0).callerLine();
        if (atFile != null && !atFile.equals(file)) {
            // a template this one included or imported
            b.append(": in ").append(atFile);
        }
        if (atLine > 0) {
            b.append(" line ").append(atLine);
        }
        for (int i = 0; i < calls.size(); i++) {
            if (calls.size() > 2 * SHOWN_CALLS && i == SHOWN_CALLS) {
                // a runaway recursion: its first and last calls say enough
                b.append(": ... ").append(calls.size() - 2 * SHOWN_CALLS).append(" more macro calls ...");
                i = calls.size() - SHOWN_CALLS;
            }
            boolean last = i == calls.size() - 1;
            String inFile = last ? templateName : calls.get(i + 1).callerFile();
            int inLine = last ? line : calls.get(i + 1).callerLine();
            b.append(": in macro ").append(calls.get(i).macro()).append(" (")
                    .append(inFile == null ? calls.get(i).file() : inFile);
            if (inLine > 0) {
                b.append(" line ").append(inLine);
            }
            b.append(')');
        }
        return b.toString();
    }
}

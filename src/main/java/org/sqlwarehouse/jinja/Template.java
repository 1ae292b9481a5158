package org.sqlwarehouse.jinja;

import java.util.List;
import java.util.Map;

/** A parsed template: render it with a context, or run it for the macros and variables it defines. */
public final class Template {
    private final Environment env;
    private final String name;
    final List<Nodes.Stmt> body;
    /** Every block defined anywhere in the template, by name. */
    final Map<String, LayoutNodes.Block> blocks;

    Template(Environment env, String name, List<Nodes.Stmt> body, Map<String, LayoutNodes.Block> blocks) {
        this.env = env;
        this.name = name;
        this.body = body;
        this.blocks = blocks;
    }

    public String name() {
        return name;
    }

    /** The text, as Jinja2's Template.render would give it. */
    public String render(Map<String, Object> context) {
        return new Evaluator(env, name, context).renderTemplate(this);
    }

    /**
     * The value of a template that is one expression and nothing else, as Jinja2's native
     * rendering (which dbt uses for profiles and project files) gives it; otherwise the text.
     */
    public Object renderValue(Map<String, Object> context) {
        if (body.size() == 1 && body.get(0) instanceof Nodes.Print print) {
            return new Evaluator(env, name, context).evaluate(print.expr);
        }
        return render(context);
    }

    /**
     * Runs the template and hands back its top-level macros and variables. The macros look up
     * names they do not define in the context of the render that calls them (as dbt's macros see
     * the context of the model being rendered); functions that the run itself calls get {@code context}.
     */
    public Map<String, Object> exports(Map<String, Object> context) {
        return new Evaluator(env, name, context).exports(this, null);
    }

    /**
     * Runs the template for the macros it defines, as dbt loads a macro file: every top-level name,
     * those starting with an underscore too ({@code _is_relation}). The macros look names up in
     * {@code namespace} (null: none) before their caller's context and the environment's globals:
     * the macros of a dbt package see their siblings first. The map is read at call time, so it may
     * be filled after.
     */
    public Map<String, Object> definitions(Map<String, Object> context, Map<String, Object> namespace) {
        return new Evaluator(env, name, context).exports(this, null, namespace, true);
    }
}

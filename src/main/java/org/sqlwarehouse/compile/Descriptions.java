package org.sqlwarehouse.compile;

import java.util.Map;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.project.NodeProperties;
import org.sqlwarehouse.project.ProjectDocs;

/**
 * A node's descriptions as dbt renders them: text with a template ({{ doc('name') }}, var(), ...)
 * is rendered, doc() giving the docs block of that name; a missing block is a compile problem.
 */
final class Descriptions {
    private final CompileRun run;
    private final ProjectDocs docs;

    Descriptions(CompileRun run, ProjectDocs docs) {
        this.run = run;
        this.docs = docs;
    }

    /**
     * @param kind model, seed, snapshot or source
     * @param file where problems are reported: the node's file
     */
    NodeProperties of(String kind, String name, String file) {
        NodeProperties raw = docs.of(kind, name);
        return raw == NodeProperties.NONE ? raw : raw.rendered(text -> render(text, file));
    }

    private String render(String text, String file) {
        if (text == null || !text.contains("{{") && !text.contains("{%")) {
            return text == null ? "" : text;
        }
        RenderState state = run.state(file, ref -> null, false);
        PyCallable doc = args -> {
            // doc('name') or doc('package', 'name'): blocks are found by name
            Object name = args.positional().isEmpty() ? null : args.positional().get(args.positional().size() - 1);
            String block = name == null ? null : docs.docBlocks().get(String.valueOf(name));
            if (block == null) {
                state.problem(args, "doc('" + name + "') names no docs block; define it in a .md file as "
                        + "{% docs " + name + " %}...{% enddocs %}");
                return "";
            }
            return block;
        };
        String rendered = run.renderer.render(text, state, Map.of("doc", doc));
        run.problems.addAll(state.problems);
        return rendered;
    }
}

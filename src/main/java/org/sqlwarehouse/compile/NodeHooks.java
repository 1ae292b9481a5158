package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.project.DbtPackage;
import org.sqlwarehouse.project.ProjectSettings;

/** The hooks of a node's config (pre-hook, post-hook) and of the project (on-run-start, on-run-end). */
final class NodeHooks {
    private NodeHooks() {
    }

    /**
     * A node's pre-hook or post-hook statements: their templates, rendered, and what the first of them
     * that asks the database asked (null when none does).
     */
    record Hooks(List<String> templates, List<String> rendered, String needsDatabase) {
    }

    static Hooks of(CompileRun run, Map<String, Object> config, String key, String file, Relation self) {
        Object value = config.get(key);
        if (value == null) {
            return new Hooks(List.of(), List.of(), null);
        }
        List<String> templates = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String asks = null;
        for (Object hook : value instanceof List<?> l ? l : List.of(value)) {
            Object sql = hook instanceof Map<?, ?> m ? m.get("sql") : hook;
            if (sql == null || String.valueOf(sql).isBlank()) {
                continue;
            }
            templates.add(String.valueOf(sql));
            CompileRenders.Rendered rendered = CompileRenders.render(run.renderer, String.valueOf(sql),
                    () -> run.state(file + " (" + key + ")", n -> null, false), Map.of("this", self));
            asks = CompileRenders.firstAsked(asks, rendered.state().needsDatabase);
            String statement = rendered.sql().strip();
            if (!statement.isEmpty()) {
                out.add(statement);
            }
            run.problems.addAll(rendered.state().problems);
        }
        return new Hooks(templates, out, asks);
    }

    /**
     * The on-run-start or on-run-end statements, rendered: every installed package's (by package
     * name), then the root project's, as dbt orders them. A package's render with its vars and macros.
     */
    static List<String> project(CompileRun run, String key) {
        List<String> out = new ArrayList<>();
        List<DbtPackage> packages = new ArrayList<>(run.project.packages());
        packages.sort(Comparator.comparing(DbtPackage::name));
        for (DbtPackage pkg : packages) {
            String file = run.project.directory().relativize(pkg.directory()).toString().replace('\\', '/')
                    + "/" + ProjectSettings.FILE_NAME;
            out.addAll(render(run, key, pkg.settings().raw().get(key), file));
        }
        out.addAll(render(run, key, run.project.settings().raw().get(key), ProjectSettings.FILE_NAME));
        return out;
    }

    private static List<String> render(CompileRun run, String key, Object value, String file) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object hook : value instanceof List<?> l ? l : List.of(value)) {
            RenderState state = run.state(file + " (" + key + ")", n -> null, false);
            String rendered = run.renderer.render(String.valueOf(hook), state, Map.of()).strip();
            run.problems.addAll(state.problems);
            if (!rendered.isEmpty()) {
                out.add(rendered);
            }
        }
        return out;
    }
}

package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.graph.NameSuggester;
import org.sqlwarehouse.project.UnbuiltNode;

/** What renders learned, made into a node's facts: its refs, sources and dependencies, with hints for unknown ones. */
final class RenderFacts {
    private RenderFacts() {
    }

    /** A node disabled by its config (enabled: false). */
    static boolean isDisabled(Map<String, Object> config) {
        Object enabled = config.get("enabled");
        return enabled != null && !Boolean.parseBoolean(String.valueOf(enabled));
    }

    static List<String> refNames(RenderState state) {
        List<String> names = new ArrayList<>();
        for (RenderState.RefCall call : state.refs) {
            names.add(call.name());
        }
        return names;
    }

    static List<String> sourceKeys(RenderState state) {
        List<String> keys = new ArrayList<>();
        for (RenderState.SourceCall call : state.sources) {
            String key = call.source() + "." + call.table();
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Unique ids of what the render read; unknown refs and sources become problems with hints. */
    static List<String> dependencies(CompileRun run, String file, RenderState state, Map<String, String> uniqueIds,
            Set<String> known, Set<String> disabled) {
        List<String> dependsOn = new ArrayList<>();
        for (RenderState.RefCall call : state.refs) {
            String id = uniqueIds.get(call.name());
            if (id == null) {
                run.problems.add(unknownRef(file, call, known, disabled, run.project.unbuilt()));
            } else if (call.packageName() != null && !call.packageName().equals(projectOfId(id))) {
                run.problems.add(call.where() + ": ref('" + call.packageName() + "', '" + call.name()
                        + "') names a node of '" + projectOfId(id) + "', not of '" + call.packageName() + "'");
            } else if (!dependsOn.contains(id)) {
                dependsOn.add(id);
            }
        }
        for (RenderState.SourceCall call : state.sources) {
            String key = call.source() + "." + call.table();
            if (!run.sources.containsKey(key)) {
                String hint = NameSuggester.closest(key, run.sources.keySet()).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; declare it under sources: in a property file");
                run.problems.add(call.where() + ": source('" + call.source() + "', '" + call.table()
                        + "') names no declared source table" + hint);
            }
        }
        return dependsOn;
    }

    /** The project part of a unique id such as model.my_package.orders. */
    private static String projectOfId(String uniqueId) {
        int first = uniqueId.indexOf('.');
        return uniqueId.substring(first + 1, uniqueId.indexOf('.', first + 1));
    }

    static boolean sameRelations(RenderState state, Map<String, Relation> relations) {
        for (RenderState.RefCall call : state.refs) {
            Relation now = relations.get(call.name());
            if (now != null && !now.equals(call.returned())) {
                return false;
            }
        }
        return true;
    }

    static String unknownRef(String file, RenderState.RefCall call, Set<String> known, Set<String> disabled,
            Map<String, UnbuiltNode> unbuilt) {
        String where = call.where() + ": ";
        if (disabled.contains(call.name())) {
            return where + "ref('" + call.name() + "') points to a disabled model";
        }
        UnbuiltNode node = unbuilt.get(call.name());
        if (node != null) {
            return where + "ref('" + call.name() + "') names " + node.kind().described() + " (" + node.file()
                    + "), which is not built: " + node.kind().why();
        }
        String suggestion = NameSuggester.closest(call.name(), known).map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        return where + "ref('" + call.name() + "') names no model or seed" + suggestion;
    }
}

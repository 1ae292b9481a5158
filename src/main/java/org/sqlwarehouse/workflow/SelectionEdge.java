package org.sqlwarehouse.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;

/**
 * The nodes a run reads but does not build: the parents its nodes (and its tests) ref that the
 * selection leaves out, seen through ephemeral models, which are inlined rather than read. Whether
 * the environment has them decides what those refs read (warehouse.defer) and which tests can run.
 */
final class SelectionEdge {
    private SelectionEdge() {
    }

    /** The unselected, non-ephemeral nodes the run's nodes read, in the project's order. */
    static Set<String> outside(CompiledProject all, CompiledProject run) {
        return outside(all, run, run.nodes().values());
    }

    /** The unselected, non-ephemeral nodes the given nodes of the run read, in the project's order. */
    static Set<String> outside(CompiledProject all, CompiledProject run, Collection<CompiledNode> readers) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        for (CompiledNode node : readers) {
            toVisit.addAll(node.dependsOn());
        }
        Set<String> seen = new LinkedHashSet<>();
        while (!toVisit.isEmpty()) {
            String id = toVisit.pop();
            CompiledNode parent = all.nodes().get(id);
            if (parent == null || parent.isTest() || run.nodes().containsKey(id) || !seen.add(id)) {
                continue; // a source, a test, built by the run, or already seen
            }
            if (parent.isEphemeral()) {
                toVisit.addAll(parent.dependsOn());
            } else {
                out.add(id);
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        all.nodes().keySet().stream().filter(out::contains).forEach(ordered::add);
        return ordered;
    }

    /** Those of the given nodes whose relation (as the project names it) the database does not have. */
    static Set<String> missing(Connection c, Dialect dialect, CompiledProject project, Collection<String> ids)
            throws SQLException {
        Map<String, List<String>> bySchema = new LinkedHashMap<>();
        for (String id : ids) {
            RelationName name = project.nodes().get(id).relationName();
            bySchema.computeIfAbsent(name.schema(), s -> new java.util.ArrayList<>()).add(name.name());
        }
        Map<String, Set<String>> present = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> schema : bySchema.entrySet()) {
            present.put(schema.getKey(), dialect.relationKindsOf(c, schema.getKey(), schema.getValue()).keySet());
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            RelationName name = project.nodes().get(id).relationName();
            if (!present.get(name.schema()).contains(name.name())) {
                out.add(id);
            }
        }
        return out;
    }
}

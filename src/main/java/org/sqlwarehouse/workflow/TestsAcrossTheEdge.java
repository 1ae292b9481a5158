package org.sqlwarehouse.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;

/**
 * Data tests of a selection that read a node the selection leaves out (a relationships test to
 * another model): in an environment that lacks that node's relation (a fresh dev schema, without
 * warehouse.defer), such a test cannot run; it is skipped with a warning naming the relation,
 * rather than failing the build on a missing relation.
 */
final class TestsAcrossTheEdge {
    /** The run without those tests, and for each test left out, why. */
    record Split(CompiledProject run, Map<String, String> skipped) {
    }

    private TestsAcrossTheEdge() {
    }

    static Split split(Connection c, Dialect dialect, String targetName, CompiledProject all, CompiledProject run)
            throws SQLException {
        List<CompiledNode> tests = run.nodes().values().stream().filter(CompiledNode::isTest).toList();
        Set<String> outside = SelectionEdge.outside(all, run, tests);
        if (outside.isEmpty()) {
            return new Split(run, Map.of());
        }
        Set<String> missing = SelectionEdge.missing(c, dialect, all, outside);
        if (missing.isEmpty()) {
            return new Split(run, Map.of());
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        for (CompiledNode test : tests) {
            List<String> lacking = new ArrayList<>();
            for (String id : SelectionEdge.outside(all, run, List.of(test))) {
                if (missing.contains(id)) {
                    lacking.add(all.nodes().get(id).relationName().key());
                }
            }
            if (!lacking.isEmpty()) {
                skipped.put(test.uniqueId(), "skipped: reads " + String.join(", ", lacking) + ", which the selection "
                        + "does not build and the database of target '" + targetName + "' does not have");
            }
        }
        Set<String> kept = new LinkedHashSet<>(run.nodes().keySet());
        kept.removeAll(skipped.keySet());
        Map<String, CompiledNode> nodes = new LinkedHashMap<>();
        kept.forEach(id -> nodes.put(id, run.nodes().get(id)));
        return new Split(run.with(nodes, run.dag().subgraph(kept)), skipped);
    }
}

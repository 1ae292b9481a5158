package org.sqlwarehouse.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.state.RelationState;

/**
 * A snapshot adds to the history its table holds; a clone of it is a view, which holds none and
 * takes no rows. Before a build, the clone of each snapshot it builds is dropped, so that the
 * snapshot starts its own history in this environment. (Every other node replaces its clone as it
 * replaces any relation.)
 */
final class SnapshotClones {
    private SnapshotClones() {
    }

    static void drop(Connection c, Dialect dialect, CompiledProject run, Map<String, RelationState> state)
            throws SQLException {
        for (CompiledNode node : run.nodes().values()) {
            if (node.materialization() != Materialization.SNAPSHOT) {
                continue;
            }
            RelationState recorded = state.get(node.relationName().key());
            if (recorded == null || !recorded.isClone()) {
                continue;
            }
            String schema = node.relationName().schema();
            String name = node.relationName().name();
            if (dialect.relationKind(c, schema, name).orElse(null) == RelationKind.VIEW) {
                try (Statement s = c.createStatement()) {
                    s.execute(dialect.dropSql(RelationKind.VIEW, schema, name, false));
                }
            }
        }
    }
}

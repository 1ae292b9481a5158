package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.project.ColumnProperties;
import org.sqlwarehouse.project.NodeProperties;

/**
 * dbt's persist_docs: the node's description written as the relation's comment (relation: true)
 * and its columns' descriptions as theirs (columns: true). As dbt-postgres does, an empty
 * description is not written and only columns the relation has are commented.
 */
public final class DocsComments {
    private final boolean relation;
    private final boolean columns;
    private final NodeProperties properties;

    private DocsComments(boolean relation, boolean columns, NodeProperties properties) {
        this.relation = relation;
        this.columns = columns;
        this.properties = properties;
    }

    public static DocsComments of(CompiledNode node) {
        Map<?, ?> persist = node.config().get("persist_docs") instanceof Map<?, ?> m ? m : Map.of();
        return new DocsComments(isTrue(persist.get("relation")), isTrue(persist.get("columns")), node.properties());
    }

    private static boolean isTrue(Object value) {
        return value != null && Boolean.parseBoolean(String.valueOf(value));
    }

    /** Whether there is anything to write. */
    public boolean isEmpty() {
        boolean describedRelation = relation && !properties.description().isBlank();
        boolean describedColumns = columns && properties.columns().stream().anyMatch(c -> !c.description().isBlank());
        return !describedRelation && !describedColumns;
    }

    /** Writes the comments on the relation (a new one before it takes its name: they go with a rename). */
    public void write(Connection c, Dialect dialect, RelationKind kind, String schema, String name)
            throws SQLException {
        if (isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if (relation && !properties.description().isBlank()) {
                s.execute(dialect.commentOnRelationSql(kind, schema, name, properties.description()));
            }
            if (!columns) {
                return;
            }
            for (String existing : dialect.columns(c, schema, name).keySet()) {
                ColumnProperties column = properties.column(existing);
                if (column != null && !column.description().isBlank()) {
                    s.execute(dialect.commentOnColumnSql(schema, name, existing, column.description()));
                }
            }
        }
    }
}

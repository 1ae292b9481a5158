package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlwarehouse.compile.CompiledNode;

/**
 * dbt's sql_header config (or {% call set_sql_header(config) %}): SQL run in the model's session
 * right before its create statement, e.g. a session setting or a temporary function the model uses.
 * It runs once, before the contract's check and the create, on the connection that runs them all.
 */
final class SqlHeader {
    private SqlHeader() {
    }

    /** Runs the node's header; false when it has none. */
    static boolean run(Connection c, CompiledNode node) throws SQLException {
        String header = of(node);
        if (header == null) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute(header);
        }
        return true;
    }

    /** The node's header, or null when it has none. */
    static String of(CompiledNode node) {
        Object header = node.config().get("sql_header");
        if (header == null || String.valueOf(header).isBlank()) {
            return null;
        }
        return String.valueOf(header).strip();
    }
}

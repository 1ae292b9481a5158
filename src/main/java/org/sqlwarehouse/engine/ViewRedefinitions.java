package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.dialect.Dialect;

/**
 * Views to define again, exactly as they read now, after the relations they read were replaced:
 * each definition is captured while it still names the live relations, and run again (CREATE OR
 * REPLACE VIEW) after the swap, in the same transaction, so that the view keeps its identity
 * (grants, comment, the views over it) and reads the new relation.
 */
final class ViewRedefinitions {
    private final Dialect dialect;
    /** "schema.view" to the replaced relation it reads, in the order found. */
    private final Map<String, String> reads;
    /** "schema.view" to the statement that defines it again, once captured. */
    private final Map<String, String> statements = new LinkedHashMap<>();

    ViewRedefinitions(Dialect dialect, Map<String, String> reads) {
        this.dialect = dialect;
        this.reads = reads;
    }

    boolean isEmpty() {
        return reads.isEmpty();
    }

    /** "schema.view (reads schema.relation)", one per view. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        reads.forEach((view, relation) -> out.add(view + " (reads " + relation + ")"));
        return out;
    }

    /**
     * Reads each view's definition; call before anything is renamed.
     *
     * @return the ones that cannot be defined again (materialized views hold data), described
     */
    List<String> capture(Connection c) throws SQLException {
        List<String> notViews = new ArrayList<>();
        for (String view : reads.keySet()) {
            int dot = view.indexOf('.');
            Optional<String> sql = dialect.redefineViewSql(c, view.substring(0, dot), view.substring(dot + 1));
            if (sql.isEmpty()) {
                notViews.add(view + " (reads " + reads.get(view) + ")");
            } else {
                statements.put(view, sql.get());
            }
        }
        return notViews;
    }

    /**
     * Inside the caller's transaction, after the swap: defines each captured view again. A view that
     * no longer fits (a column it reads is gone or retyped) fails the transaction with the
     * database's message, its SQLState kept.
     *
     * @param what   the views, for the message: "outside view", "project view"
     * @param remedy what to do about it, appended to the message
     */
    void recreate(Connection c, String what, String remedy) throws SQLException {
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            String view = statement.getKey();
            try (Statement s = c.createStatement()) {
                s.execute(statement.getValue());
            } catch (SQLException e) {
                throw new SQLException("Could not define the " + what + " " + view + " again over the new "
                        + reads.get(view) + ": " + e.getMessage() + remedy, e.getSQLState(), e);
            }
        }
    }
}

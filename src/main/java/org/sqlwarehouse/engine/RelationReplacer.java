package org.sqlwarehouse.engine;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.target.DevSchemaNaming;

/**
 * Replaces a relation so that a failure leaves the previous one in place: the new relation is built
 * under a temporary name, then renamed into place in one transaction (old to backup, new to name,
 * backup dropped). A view that can simply be redefined is replaced by CREATE OR REPLACE VIEW, which
 * keeps the views that depend on it.
 */
public final class RelationReplacer {
    /** Creates the new relation under the given (temporary) name. */
    @FunctionalInterface
    public interface Creator {
        void create(Connection connection, String name) throws SQLException;
    }

    private final Dialect dialect;
    private final boolean recreateOutsideViews;

    public RelationReplacer(Dialect dialect) {
        this(dialect, false);
    }

    /**
     * @param recreateOutsideViews define views that this run does not rebuild again over the new
     *                             relation, instead of failing
     */
    public RelationReplacer(Dialect dialect, boolean recreateOutsideViews) {
        this.dialect = dialect;
        this.recreateOutsideViews = recreateOutsideViews;
    }

    public void replaceView(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater)
            throws SQLException, WarehouseException {
        Optional<RelationKind> old = dialect.relationKind(c, schema, name);
        if (old.isEmpty()) {
            execute(c, dialect.createViewSql(schema, name, selectSql));
            return;
        }
        if (old.get() == RelationKind.VIEW) {
            try {
                execute(c, dialect.createOrReplaceViewSql(schema, name, selectSql));
                return;
            } catch (SQLException columnsChanged) {
                // e.g. PostgreSQL refuses to drop or retype a view's columns in place: swap instead
                rollbackQuietly(c);
            }
        }
        swap(c, schema, name, RelationKind.VIEW, (conn, tmp) -> execute(conn, dialect.createViewSql(schema, tmp,
                selectSql)), rebuiltLater);
    }

    public void replaceTable(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater)
            throws SQLException, WarehouseException {
        swap(c, schema, name, RelationKind.TABLE,
                (conn, tmp) -> execute(conn, dialect.createTableAsSql(schema, tmp, selectSql)), rebuiltLater);
    }

    /**
     * Builds the new relation under a temporary name, then swaps it in atomically.
     *
     * @param rebuiltLater relations ("schema.name") this run rebuilds after this one: views the
     *                     database would drop with the old relation may only be among them
     */
    public void swap(Connection c, String schema, String name, RelationKind newKind, Creator creator,
            Set<String> rebuiltLater) throws SQLException, WarehouseException {
        String tmp = sidecarName(name, "__wh_tmp");
        String backup = sidecarName(name, "__wh_bak");
        dropIfExists(c, schema, tmp);
        dropIfExists(c, schema, backup);
        creator.create(c, tmp);
        try {
            Optional<RelationKind> old = dialect.relationKind(c, schema, name);
            List<String> dependents = old.isPresent() ? dialect.dependentRelations(c, schema, name) : List.of();
            List<String> lost = new ArrayList<>();
            for (String d : dependents) {
                if (!rebuiltLater.contains(d)) {
                    lost.add(d);
                }
            }
            if (!lost.isEmpty() && !recreateOutsideViews) {
                throw new WarehouseException("Replacing " + schema + "." + name
                        + " would drop views that depend on it and that this run does not rebuild: "
                        + String.join(", ", lost) + ".",
                        "Drop or recreate those views yourself, include the models that build them in this run, "
                                + "or have them defined again over the new relation with -D" + OutsideViews.OPTION
                                + "=true.");
            }
            OutsideViews lostViews = OutsideViews.of(dialect, lost, schema + "." + name);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                lostViews.prepare(c, true, "this build replaces");
                if (old.isPresent()) {
                    execute(c, dialect.renameSql(old.get(), schema, name, backup));
                }
                execute(c, dialect.renameSql(newKind, schema, tmp, name));
                lostViews.recreate(c);
                if (old.isPresent()) {
                    // our own downstream views go with it and are rebuilt later in this run
                    execute(c, dialect.dropSql(old.get(), schema, backup, !dependents.isEmpty()));
                }
                c.commit();
            } catch (SQLException | WarehouseException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } finally {
            dropIfExists(c, schema, tmp);
        }
    }

    private void dropIfExists(Connection c, String schema, String name) throws SQLException {
        Optional<RelationKind> kind = dialect.relationKind(c, schema, name);
        if (kind.isPresent()) {
            execute(c, dialect.dropSql(kind.get(), schema, name, false));
        }
    }

    /**
     * The name plus a suffix, shortened with a hash when it would pass the identifier limit, so
     * that PostgreSQL's silent truncation can never make two names one.
     */
    public String sidecarName(String name, String suffix) {
        return sidecarName(name, suffix, dialect.maxIdentifierBytes());
    }

    /** As {@link #sidecarName(String, String)}, for a given identifier limit. */
    public static String sidecarName(String name, String suffix, int max) {
        String candidate = name + suffix;
        if (candidate.getBytes(StandardCharsets.UTF_8).length <= max) {
            return candidate;
        }
        String hash = String.format("%08x", name.hashCode());
        String head = DevSchemaNaming.cutToBytes(name, max - suffix.length() - hash.length() - 1);
        return head + "_" + hash + suffix;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }
}

package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;

/**
 * Replaces a relation so that a failure leaves the previous one in place: the new relation is built
 * under a temporary name, then renamed into place in one transaction (old to backup, new to name,
 * backup dropped). A view that can simply be redefined is replaced by CREATE OR REPLACE VIEW, which
 * keeps the views that depend on it. A relation the plan found absent is created directly under
 * its name: a failure then leaves nothing behind, and there is nothing to swap out.
 */
public final class RelationReplacer {
    /** Creates the new relation under the given name (temporary, or its own when it is new). */
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

    /**
     * @param absent the plan found no relation by this name: it is created directly under its name
     */
    public void replaceView(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent) throws SQLException, WarehouseException {
        if (absent && createdDirectly(c, schema, name,
                (conn, target) -> execute(conn, dialect.createViewSql(schema, target, selectSql)), true)) {
            return;
        }
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
                selectSql)), rebuiltLater, false);
    }

    /** @param absent the plan found no relation by this name: it is created directly under its name */
    public void replaceTable(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent) throws SQLException, WarehouseException {
        Creator creator = (conn, target) -> execute(conn, dialect.createTableAsSql(schema, target, selectSql));
        if (absent && createdDirectly(c, schema, name, creator, true)) {
            return;
        }
        swap(c, schema, name, RelationKind.TABLE, creator, rebuiltLater, false);
    }

    /**
     * Builds the new relation under a temporary name, then swaps it in atomically. When the plan
     * found the name free, the relation is created under its name in one statement instead: there
     * is nothing to keep in place, so no swap is needed.
     *
     * @param rebuiltLater relations ("schema.name") this run rebuilds after this one: views the
     *                     database would drop with the old relation may only be among them
     * @param absent       the plan found no relation by this name
     */
    public void swap(Connection c, String schema, String name, RelationKind newKind, Creator creator,
            Set<String> rebuiltLater, boolean absent) throws SQLException, WarehouseException {
        if (absent && createdDirectly(c, schema, name, creator, false)) {
            return;
        }
        String tmp = sidecarName(name, Sidecar.TEMPORARY);
        String backup = sidecarName(name, Sidecar.BACKUP);
        // one catalog query for the relation and the leftovers of an earlier run that was killed
        Map<String, RelationKind> found = dialect.relationKindsOf(c, schema, List.of(name, tmp, backup));
        for (String leftover : List.of(tmp, backup)) {
            if (found.containsKey(leftover)) {
                execute(c, dialect.dropSql(found.get(leftover), schema, leftover, false));
            }
        }
        Optional<RelationKind> old = Optional.ofNullable(found.get(name));
        try {
            creator.create(c, tmp);
            // asked after the build, right before the swap, so that no view created meanwhile is missed
            List<String> dependents = old.isPresent() ? dialect.dependentRelations(c, schema, name) : List.of();
            promote(c, schema, name, newKind, tmp, backup, old, dependents, rebuiltLater);
        } catch (SQLException | WarehouseException | RuntimeException e) {
            rollbackQuietly(c);
            dropQuietly(c, newKind, schema, tmp);
            throw e;
        }
    }

    /** In one transaction: the old relation to backup, the new one to name, the backup dropped. */
    private void promote(Connection c, String schema, String name, RelationKind newKind, String tmp, String backup,
            Optional<RelationKind> old, List<String> dependents, Set<String> rebuiltLater)
            throws SQLException, WarehouseException {
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
        } catch (SQLException | WarehouseException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Creates the relation under its own name. False when the name was taken in the meantime (the
     * caller then replaces it the safe way); any other failure is thrown. A creator of more than one
     * statement (a seed: create, then load) runs in a transaction, so that a failure leaves no half
     * built relation under the name.
     */
    private boolean createdDirectly(Connection c, String schema, String name, Creator creator, boolean oneStatement)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        boolean transaction = !oneStatement && dialect.transactionalDdl();
        try {
            if (transaction) {
                c.setAutoCommit(false);
            }
            creator.create(c, name);
            if (transaction) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (transaction) {
                rollbackQuietly(c);
                c.setAutoCommit(autoCommit);
            }
            if (dialect.relationKind(c, schema, name).isPresent()) {
                return false;
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** After a failure: the temporary relation must not stay behind; the original failure is reported. */
    private void dropQuietly(Connection c, RelationKind kind, String schema, String name) {
        try {
            execute(c, dialect.dropSql(kind, schema, name, false));
        } catch (SQLException ignored) {
            // an earlier run's leftover is dropped by the next run
        }
    }

    /**
     * The sidecar's name for the relation, shortened with a hash when it would pass the identifier
     * limit (the SHA-256 rule of {@link Sidecar#nameFor}), so that PostgreSQL's silent truncation can
     * never make two names one, nor two long names share a temporary relation.
     */
    public String sidecarName(String name, Sidecar sidecar) {
        return sidecar.nameFor(name, dialect.maxIdentifierBytes());
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

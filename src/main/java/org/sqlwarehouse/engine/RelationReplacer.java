package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.dialect.SqlFailure;
import org.sqlwarehouse.environment.DevSchemaNaming;

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
    private final Predicate<String> projectRelations;

    public RelationReplacer(Dialect dialect) {
        this(dialect, false, relation -> false);
    }

    /**
     * @param recreateOutsideViews define views outside the project that this run does not rebuild
     *                             again over the new relation, instead of failing
     * @param projectRelations     whether a relation ("schema.name") is one the project builds: such a
     *                             view, left out of this run, is always defined again over the new
     *                             relation, since it is the project's own
     */
    public RelationReplacer(Dialect dialect, boolean recreateOutsideViews, Predicate<String> projectRelations) {
        this.dialect = dialect;
        this.recreateOutsideViews = recreateOutsideViews;
        this.projectRelations = projectRelations;
    }

    /**
     * @param absent the plan found no relation by this name: it is created directly under its name
     */
    public void replaceView(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent) throws SQLException, WarehouseException {
        replaceView(c, schema, name, selectSql, rebuiltLater, absent, null);
    }

    /**
     * @param afterCreate what to do to the new relation right after it is created, before it takes
     *                    the name (grants); null for nothing
     */
    public void replaceView(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent, Creator afterCreate) throws SQLException, WarehouseException {
        replaceView(c, schema, name, selectSql, rebuiltLater, absent, afterCreate, ModelDdl.plain(dialect));
    }

    /** @param ddl how the view is created */
    public void replaceView(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent, Creator afterCreate, ModelDdl ddl) throws SQLException, WarehouseException {
        Creator creator = then((conn, target) -> ddl.createView(conn, schema, target, selectSql, false), afterCreate);
        if (absent && createdDirectly(c, schema, name, creator, afterCreate == null && ddl.singleStatement())) {
            return;
        }
        Optional<RelationKind> old = dialect.relationKind(c, schema, name);
        if (old.isEmpty()) {
            creator.create(c, name);
            return;
        }
        if (old.get() == RelationKind.VIEW) {
            try {
                // a view redefined in place keeps the privileges it had; the configured ones are given again
                ddl.createView(c, schema, name, selectSql, true);
                if (afterCreate != null) {
                    afterCreate.create(c, name);
                }
                return;
            } catch (SQLException e) {
                // PostgreSQL refuses to drop, rename or retype a view's columns in place: swap instead;
                // any other failure (the SQL is wrong) is the model's own error
                if (dialect.classify(e) != SqlFailure.VIEW_COLUMNS_CHANGED) {
                    throw e;
                }
            }
        }
        swap(c, schema, name, RelationKind.VIEW, creator, rebuiltLater, false);
    }

    /** The creator, then afterCreate on what it created. */
    static Creator then(Creator creator, Creator afterCreate) {
        if (afterCreate == null) {
            return creator;
        }
        return (conn, target) -> {
            creator.create(conn, target);
            afterCreate.create(conn, target);
        };
    }

    /** @param absent the plan found no relation by this name: it is created directly under its name */
    public void replaceTable(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent) throws SQLException, WarehouseException {
        replaceTable(c, schema, name, selectSql, rebuiltLater, absent, null);
    }

    /** @param afterCreate see {@link #replaceView(Connection, String, String, String, Set, boolean, Creator)} */
    public void replaceTable(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent, Creator afterCreate) throws SQLException, WarehouseException {
        replaceTable(c, schema, name, selectSql, rebuiltLater, absent, afterCreate, ModelDdl.plain(dialect));
    }

    /** @param ddl how the table is created: with its contract's columns when it has one */
    public void replaceTable(Connection c, String schema, String name, String selectSql, Set<String> rebuiltLater,
            boolean absent, Creator afterCreate, ModelDdl ddl) throws SQLException, WarehouseException {
        Creator creator = then((conn, target) -> ddl.createTable(conn, schema, target, selectSql), afterCreate);
        if (absent && createdDirectly(c, schema, name, creator, afterCreate == null && ddl.singleStatement())) {
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
            // the swap's transaction, if it began, was rolled back by Transactions
            dropQuietly(c, newKind, schema, tmp);
            throw e;
        }
    }

    /**
     * In one transaction: the old relation to backup, the new one to name, the views bound to the
     * old one that this run does not rebuild defined again over the new one, the backup dropped.
     * The project's views that this run rebuilds later go with the backup and are built again from
     * their SQL.
     */
    private void promote(Connection c, String schema, String name, RelationKind newKind, String tmp, String backup,
            Optional<RelationKind> old, List<String> dependents, Set<String> rebuiltLater)
            throws SQLException, WarehouseException {
        List<String> outside = new ArrayList<>();
        List<String> project = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String d : dependents) {
            if (rebuiltLater.contains(d)) {
                dropped.add(d);
            } else if (projectRelations.test(d)) {
                project.add(d);
            } else {
                outside.add(d);
            }
        }
        if (!outside.isEmpty() && !recreateOutsideViews) {
            throw new WarehouseException("Replacing " + schema + "." + name
                    + " would drop views outside the project that depend on it: " + String.join(", ", outside) + ".",
                    "Drop or recreate those views yourself, have the project build them, or have them defined "
                            + "again over the new relation with -D" + OutsideViews.OPTION + "=true.");
        }
        refuseProjectViewsOverDropped(c, schema, name, dropped, project);
        OutsideViews outsideViews = OutsideViews.of(dialect, outside, schema + "." + name);
        ProjectViews projectViews = ProjectViews.of(dialect, project, schema + "." + name);
        Transactions.run(c, tx -> {
            outsideViews.prepare(tx, true, "this build replaces");
            projectViews.prepare(tx);
            if (old.isPresent()) {
                execute(tx, dialect.renameSql(old.get(), schema, name, backup));
            }
            execute(tx, dialect.renameSql(newKind, schema, tmp, name));
            outsideViews.recreate(tx);
            projectViews.recreate(tx);
            if (old.isPresent()) {
                execute(tx, dialect.dropSql(old.get(), schema, backup, !dropped.isEmpty()));
            }
        });
    }

    /**
     * A project view left out of this run that reads one of the views this run rebuilds later would
     * be dropped with that view (it is bound to the old one): refused, naming it, before anything
     * changes.
     */
    private void refuseProjectViewsOverDropped(Connection c, String schema, String name, List<String> dropped,
            List<String> project) throws SQLException, WarehouseException {
        if (project.isEmpty() || dropped.isEmpty()) {
            return;
        }
        List<String> lost = new ArrayList<>();
        for (String view : dropped) {
            int dot = view.indexOf('.');
            for (String over : dialect.dependentRelations(c, view.substring(0, dot), view.substring(dot + 1))) {
                if (project.contains(over)) {
                    lost.add(over + " (reads " + view + ")");
                }
            }
        }
        if (!lost.isEmpty()) {
            throw new WarehouseException("Replacing " + schema + "." + name + " would drop views of the project that"
                    + " this run leaves out: " + String.join(", ", lost) + ".",
                    "Select them too, e.g. -Dwarehouse.select=" + name + "+.");
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
        try {
            if (!oneStatement && dialect.transactionalDdl()) {
                Transactions.runSql(c, tx -> creator.create(tx, name));
            } else {
                creator.create(c, name);
            }
            return true;
        } catch (SQLException e) {
            // the name was taken since the plan looked: the caller replaces it the safe way
            if (dialect.classify(e) == SqlFailure.RELATION_EXISTS) {
                return false;
            }
            throw e;
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
}

package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;

/**
 * The project's own views that this change does not rebuild (a selection left them out) but that
 * the database binds to a relation it replaces. PostgreSQL binds a view to the relation itself: left
 * alone, such a view would go on serving the replaced version (kept as __wh_prev) and be dropped
 * with it by a later cascade. Each is defined again, in the same transaction as the swap, exactly
 * as it reads now (its deployed SQL, so the state stays true), over the new relation. Where the
 * database binds views by name (DuckDB) there are none: the views read the new relation by
 * themselves.
 */
public final class ProjectViews {
    private final ViewRedefinitions views;

    private ProjectViews(ViewRedefinitions views) {
        this.views = views;
    }

    /**
     * Finds them, transitively (a project view over such a view is bound too).
     *
     * @param replaced relations the change replaces (or creates: those have no dependents)
     * @param project  whether a "schema.name" is one of the project's live relations
     * @param rebuilt  the relations ("schema.name") the change builds anew: not to be defined again
     */
    public static ProjectViews find(Connection c, Dialect dialect, List<RelationName> replaced, Predicate<String> project,
            Set<String> rebuilt) throws SQLException {
        Map<String, String> reads = new LinkedHashMap<>();
        for (RelationName relation : replaced) {
            // a relation that does not exist yet has no dependents: no need to ask whether it exists
            for (String dependent : dialect.dependentRelations(c, relation.schema(), relation.name())) {
                if (project.test(dependent) && !rebuilt.contains(dependent)) {
                    reads.putIfAbsent(dependent, relation.key());
                }
            }
        }
        return new ProjectViews(new ViewRedefinitions(dialect, reads));
    }

    /** The given views, each reading the one relation a change replaces. */
    public static ProjectViews of(Dialect dialect, List<String> views, String relation) {
        Map<String, String> reads = new LinkedHashMap<>();
        views.forEach(view -> reads.put(view, relation));
        return new ProjectViews(new ViewRedefinitions(dialect, reads));
    }

    public boolean isEmpty() {
        return views.isEmpty();
    }

    /** "schema.view (reads schema.relation)", one per view. */
    public List<String> describe() {
        return views.describe();
    }

    /** Reads each view's definition while it still names the live relations: before anything is renamed. */
    public void prepare(Connection c) throws SQLException, WarehouseException {
        List<String> notViews = views.capture(c);
        if (!notViews.isEmpty()) {
            throw new WarehouseException("Relations of the project that cannot be defined again depend on relations "
                    + "this change replaces: " + String.join(", ", notViews) + ". Nothing was changed.",
                    "Select them too, so that they are rebuilt (-Dwarehouse.select=<model>+).");
        }
    }

    /**
     * Inside the caller's transaction, after the swap: defines each view again over the new
     * relations. One that no longer fits the new version (it reads a column that is gone) fails the
     * transaction, naming it.
     */
    public void recreate(Connection c) throws SQLException {
        views.recreate(c, "project view", ". Nothing was changed; select that view too, so that it is rebuilt from"
                + " its SQL (e.g. -Dwarehouse.select=<model>+).");
    }
}

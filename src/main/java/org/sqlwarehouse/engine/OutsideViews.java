package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;

/**
 * Views the project does not build that the database binds to relations about to be replaced
 * (PostgreSQL binds a view to the relation itself, not its name: after a swap it would go on
 * reading the old version, and dropping that version would need a CASCADE). They are found before
 * anything changes; then either the change is refused, naming them, or, when the user asked for
 * it, each is defined again after the swap, in the same transaction, so that it reads the new
 * version. A view that cannot be defined again (a materialized view) always refuses the change.
 */
public final class OutsideViews {
    /** The option that makes a deploy define outside views again instead of failing. */
    public static final String OPTION = "warehouse.recreateOutsideViews";

    private final ViewRedefinitions views;

    private OutsideViews(Dialect dialect, Map<String, String> reads) {
        this.views = new ViewRedefinitions(dialect, reads);
    }

    /**
     * Finds the outside views over the given relations, transitively (a view over such a view is
     * bound too).
     *
     * @param replaced relations to be replaced; those that do not exist are skipped
     * @param ours     whether a "schema.name" is one the project builds (or one of its sidecars)
     */
    public static OutsideViews find(Connection c, Dialect dialect, List<RelationName> replaced, Predicate<String> ours)
            throws SQLException {
        Map<String, String> reads = new LinkedHashMap<>();
        for (RelationName relation : replaced) {
            if (dialect.relationKind(c, relation.schema(), relation.name()).isEmpty()) {
                continue;
            }
            for (String dependent : dialect.dependentRelations(c, relation.schema(), relation.name())) {
                if (!ours.test(dependent)) {
                    reads.putIfAbsent(dependent, relation.key());
                }
            }
        }
        return new OutsideViews(dialect, reads);
    }

    /** The given views, each reading the one relation a change replaces. */
    public static OutsideViews of(Dialect dialect, List<String> views, String relation) {
        Map<String, String> reads = new LinkedHashMap<>();
        views.forEach(view -> reads.put(view, relation));
        return new OutsideViews(dialect, reads);
    }

    public boolean isEmpty() {
        return views.isEmpty();
    }

    /** "schema.view (reads schema.relation)", one per view. */
    public List<String> describe() {
        return views.describe();
    }

    /**
     * Refuses the change unless the user asked to recreate the views, and then reads each view's
     * definition while it still names the live relations. Call before anything is renamed.
     *
     * @param change what is refused, for the message: "this deploy replaces"
     */
    public void prepare(Connection c, boolean recreate, String change) throws SQLException, WarehouseException {
        if (views.isEmpty()) {
            return;
        }
        if (!recreate) {
            throw new WarehouseException("Views outside the project depend on relations " + change + ": "
                    + String.join(", ", describe()) + ". Nothing was changed.",
                    "Run again with -D" + OPTION + "=true to define them again over the new relations in the "
                            + "same transaction, or drop them, or have the project build them.");
        }
        List<String> notViews = views.capture(c);
        if (!notViews.isEmpty()) {
            throw new WarehouseException("Relations outside the project that cannot be defined again (materialized "
                    + "views) depend on relations " + change + ": " + String.join(", ", notViews)
                    + ". Nothing was changed.",
                    "Drop them before the deploy and create them again after it.");
        }
    }

    /**
     * Inside the caller's transaction, after the swap: defines each view again so that it reads
     * the new relations. A view that no longer fits (a column it reads is gone or retyped) fails
     * the transaction with the database's message.
     */
    public void recreate(Connection c) throws SQLException {
        views.recreate(c, "outside view", "");
    }
}

package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.project.BatchWindow;
import org.sqlwarehouse.project.IncrementalStrategy;
import org.sqlwarehouse.project.Microbatch;

/**
 * dbt's incremental materialization: the first run (or a full refresh) builds the table whole; later
 * runs compute the new rows into a temporary table and apply them with the configured strategy
 * (append, delete+insert or merge; a microbatch model's batch: see {@link MicrobatchBuilder}) in one
 * transaction, so a failure leaves the table as it was. incremental_predicates limit the target rows
 * that delete+insert and merge touch.
 */
final class IncrementalBuilder {
    /** dbt's alias of the target table in its merge and delete+insert statements. */
    static final String DEST = "DBT_INTERNAL_DEST";
    /** dbt's alias of the new rows. */
    static final String SOURCE = "DBT_INTERNAL_SOURCE";

    private final Dialect dialect;
    private final RelationReplacer replacer;

    IncrementalBuilder(Dialect dialect, RelationReplacer replacer) {
        this.dialect = dialect;
        this.replacer = replacer;
    }

    /** @return a short description of what was done, for run_results.json */
    /**
     * @param afterCreate what a new table gets before it takes its name (indexes, grants); null for nothing
     * @param afterApply  what the table gets again after an increment (grants); null for nothing
     */
    String build(Connection c, CompiledNode node, boolean fullRefreshRequested, Set<String> rebuiltLater,
            RelationReplacer.Creator afterCreate, RelationReplacer.Creator afterApply)
            throws SQLException, WarehouseException {
        return build(c, node, fullRefreshRequested, rebuiltLater, afterCreate, afterApply, ModelDdl.plain(dialect));
    }

    /** @param ddl how the table is created: with the contract's columns */
    String build(Connection c, CompiledNode node, boolean fullRefreshRequested, Set<String> rebuiltLater,
            RelationReplacer.Creator afterCreate, RelationReplacer.Creator afterApply, ModelDdl ddl)
            throws SQLException, WarehouseException {
        String schema = node.relation().getSchema();
        String name = node.relation().getIdentifier();
        Optional<RelationKind> existing = dialect.relationKind(c, schema, name);
        Object configured = node.config().get("full_refresh");
        boolean fullRefresh = configured == null ? fullRefreshRequested : Boolean.parseBoolean(String.valueOf(configured));
        if (existing.isEmpty() || existing.get() != RelationKind.TABLE || fullRefresh) {
            replacer.replaceTable(c, schema, name, node.compiledSql(), rebuiltLater, existing.isEmpty(), afterCreate,
                    ddl);
            return existing.isEmpty() ? "CREATE TABLE" : "FULL REFRESH";
        }
        if (afterApply != null) {
            // the table stays: its grants are given again, in case the config gained some
            afterApply.create(c, name);
        }
        return applyIncrement(c, node, node.incrementalSql(), null);
    }

    /**
     * Computes the new rows into a temporary table and applies them to the existing table with the
     * node's strategy, in one transaction.
     *
     * @param batch for a microbatch model, the batch whose window of the table the rows replace; else null
     */
    String applyIncrement(Connection c, CompiledNode node, String select, BatchWindow batch)
            throws SQLException, WarehouseException {
        String schema = node.relation().getSchema();
        String name = node.relation().getIdentifier();
        String tmp = replacer.sidecarName(name, Sidecar.INCREMENT);
        execute(c, dialect.dropSql(RelationKind.TABLE, schema, tmp, false));
        execute(c, dialect.createTableAsSql(schema, tmp, select));
        try {
            return apply(c, node, schema, name, tmp, batch);
        } finally {
            execute(c, dialect.dropSql(RelationKind.TABLE, schema, tmp, false));
        }
    }

    private String apply(Connection c, CompiledNode node, String schema, String name, String tmp, BatchWindow batch)
            throws SQLException, WarehouseException {
        Map<String, String> target = dialect.columns(c, schema, name);
        Map<String, String> incoming = dialect.columns(c, schema, tmp);
        List<String> added = new ArrayList<>();
        for (String column : incoming.keySet()) {
            if (!containsIgnoreCase(target.keySet(), column)) {
                added.add(column);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String column : target.keySet()) {
            if (!containsIgnoreCase(incoming.keySet(), column)) {
                removed.add(column);
            }
        }
        String onSchemaChange = String.valueOf(node.config().getOrDefault("on_schema_change", "ignore"))
                .toLowerCase(Locale.ROOT);
        List<String> ddl = new ArrayList<>();
        switch (onSchemaChange) {
            case "ignore" -> {
            }
            case "fail" -> {
                if (!added.isEmpty() || !removed.isEmpty()) {
                    throw new WarehouseException("The columns of incremental model " + node.name()
                            + " changed (new: " + added + ", gone: " + removed + ") and on_schema_change is 'fail'.",
                            "Run with -Dwarehouse.fullRefresh=true to rebuild it, or set on_schema_change to "
                                    + "append_new_columns.");
                }
            }
            case "append_new_columns" -> {
                for (String column : added) {
                    ddl.add(dialect.addColumnSql(schema, name, column, incoming.get(column)));
                }
            }
            case "sync_all_columns" -> {
                // the table takes the incoming rows' columns: new ones added, gone ones dropped, retyped ones altered
                for (String column : added) {
                    ddl.add(dialect.addColumnSql(schema, name, column, incoming.get(column)));
                }
                for (String column : removed) {
                    ddl.add(dialect.dropColumnSql(schema, name, column));
                }
                for (Map.Entry<String, String> column : incoming.entrySet()) {
                    String existing = typeOf(target, column.getKey());
                    if (existing != null && !existing.equalsIgnoreCase(column.getValue())) {
                        ddl.add(dialect.alterColumnTypeSql(schema, name, existingName(target, column.getKey()),
                                column.getValue()));
                    }
                }
            }
            default -> throw new WarehouseException("on_schema_change '" + onSchemaChange + "' of " + node.name()
                    + " is not supported; use ignore, fail, append_new_columns or sync_all_columns.");
        }
        List<String> columns = new ArrayList<>();
        for (String column : incoming.keySet()) {
            if (containsIgnoreCase(target.keySet(), column) || ddl.size() > 0 && added.contains(column)) {
                columns.add(column);
            }
        }
        List<String> keys = uniqueKey(node);
        String strategy = batch != null ? Microbatch.STRATEGY : String.valueOf(node.config().getOrDefault(
                "incremental_strategy", keys.isEmpty() ? "append" : "delete+insert")).toLowerCase(Locale.ROOT);
        if ((strategy.equals("delete+insert") || strategy.equals("merge")) && keys.isEmpty()) {
            throw new WarehouseException("Incremental model " + node.name() + " uses strategy '" + strategy
                    + "', which needs a unique_key.", "Set unique_key in its config, or use incremental_strategy='append'.");
        }
        String into = dialect.qualified(schema, name);
        String from = dialect.qualified(schema, tmp);
        String columnList = join(columns, "");
        // dbt's aliases, so that a project's incremental_predicates name the tables as they do on dbt
        String match = keyMatch(keys, DEST, SOURCE);
        String predicates = IncrementalPredicates.of(node).andClause();
        List<String> dml = new ArrayList<>();
        switch (strategy) {
            case "append" -> dml.add("insert into " + into + " (" + columnList + ") select " + columnList + " from " + from);
            case "delete+insert" -> {
                dml.add("delete from " + into + " " + DEST + " where exists (select 1 from " + from + " " + SOURCE
                        + " where " + match + ")" + predicates);
                dml.add("insert into " + into + " (" + columnList + ") select " + columnList + " from " + from);
            }
            case "merge" -> {
                StringJoiner set = new StringJoiner(", ");
                for (String column : columns) {
                    if (!containsIgnoreCase(keys, column)) {
                        set.add(dialect.quote(column) + " = " + SOURCE + "." + dialect.quote(column));
                    }
                }
                if (set.length() > 0) {
                    dml.add("update " + into + " " + DEST + " set " + set + " from " + from + " " + SOURCE + " where "
                            + match + predicates);
                }
                // as dbt's merge: a source row matched only outside the predicates is "not matched", so inserted
                dml.add("insert into " + into + " (" + columnList + ") select " + join(columns, SOURCE + ".") + " from "
                        + from + " " + SOURCE + " where not exists (select 1 from " + into + " " + DEST + " where "
                        + match + predicates + ")");
            }
            case Microbatch.STRATEGY -> {
                if (batch == null) {
                    throw new IllegalStateException("A microbatch model is built batch by batch: " + node.uniqueId());
                }
                // the batch replaces its window of the table, as dbt's delete+insert by event time does;
                // with a unique_key (dbt-postgres merges by it) a row that moved into the batch is replaced too
                String eventTime = String.valueOf(node.config().get("event_time"));
                String replaced = batch.filter(DEST + "." + eventTime);
                if (!keys.isEmpty()) {
                    replaced = "(" + replaced + ") or exists (select 1 from " + from + " " + SOURCE + " where "
                            + match + ")";
                }
                dml.add("delete from " + into + " " + DEST + " where (" + replaced + ")" + predicates);
                dml.add("insert into " + into + " (" + columnList + ") select " + columnList + " from " + from);
            }
            default -> throw new WarehouseException("incremental_strategy '" + strategy + "' of " + node.name()
                    + " is not supported; use " + IncrementalStrategy.choices() + ".");
        }
        long rows = Transactions.callSql(c, tx -> {
            long changed = 0;
            try (Statement s = tx.createStatement()) {
                for (String sql : ddl) {
                    s.execute(sql);
                }
                for (String sql : dml) {
                    changed += Math.max(0, s.executeUpdate(sql));
                }
            }
            return changed;
        });
        return strategy.toUpperCase(Locale.ROOT) + " " + rows;
    }

    @SuppressWarnings("unchecked")
    private static List<String> uniqueKey(CompiledNode node) {
        Object key = node.config().get("unique_key");
        List<String> keys = new ArrayList<>();
        if (key instanceof List<?> list) {
            list.forEach(k -> keys.add(String.valueOf(k)));
        } else if (key != null && !String.valueOf(key).isBlank()) {
            for (String k : String.valueOf(key).split(",")) {
                keys.add(k.trim());
            }
        }
        return keys;
    }

    private String keyMatch(List<String> keys, String left, String right) {
        StringJoiner match = new StringJoiner(" and ");
        for (String k : keys) {
            match.add(left + "." + dialect.quote(k) + " = " + right + "." + dialect.quote(k));
        }
        return match.toString();
    }

    private String join(List<String> columns, String prefix) {
        StringJoiner out = new StringJoiner(", ");
        for (String column : columns) {
            out.add(prefix + dialect.quote(column));
        }
        return out.toString();
    }

    private static String typeOf(Map<String, String> columns, String name) {
        String existing = existingName(columns, name);
        return existing == null ? null : columns.get(existing);
    }

    private static String existingName(Map<String, String> columns, String name) {
        for (String n : columns.keySet()) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }

    private static boolean containsIgnoreCase(java.util.Collection<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

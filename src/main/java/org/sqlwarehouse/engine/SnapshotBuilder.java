package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;

/**
 * dbt's snapshots (type-2 history): the first run records every row of the select as current
 * (dbt_valid_to null); each later run, in one transaction, closes the current version of every key
 * whose row changed (strategy timestamp: a newer updated_at; check: a check column differs) and
 * records its new version, records new keys, and, with hard_deletes invalidate or new_record, closes
 * the keys the select no longer returns. The table is only ever added to and updated, never dropped
 * or rebuilt: a full refresh does not apply to it.
 */
final class SnapshotBuilder {
    private final Dialect dialect;

    SnapshotBuilder(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The snapshot's config, read once; columns names its meta columns. */
    private record Config(List<String> keys, String strategy, String updatedAt, Object checkCols, String hardDeletes,
            String validToCurrent, SnapshotColumns columns) {
        static Config of(CompiledNode node) {
            Map<String, Object> c = node.config();
            List<String> keys = new ArrayList<>();
            Object key = c.get("unique_key");
            if (key instanceof List<?> list) {
                list.forEach(k -> keys.add(String.valueOf(k)));
            } else {
                keys.add(String.valueOf(key));
            }
            String hardDeletes = c.get("hard_deletes") != null
                    ? String.valueOf(c.get("hard_deletes")).toLowerCase(Locale.ROOT)
                    : Boolean.parseBoolean(String.valueOf(c.get("invalidate_hard_deletes"))) ? "invalidate" : "ignore";
            Object current = c.get("dbt_valid_to_current");
            return new Config(keys, String.valueOf(c.get("strategy")).toLowerCase(Locale.ROOT),
                    c.get("updated_at") == null ? null : String.valueOf(c.get("updated_at")), c.get("check_cols"),
                    hardDeletes, current == null ? null : String.valueOf(current),
                    SnapshotColumns.of(c.get("snapshot_meta_column_names")));
        }
    }

    /**
     * One run of a snapshot.
     *
     * @param created whether this run created the history table (its first)
     * @param message what was done, for run_results.json
     */
    record Run(boolean created, String message) {
    }

    Run build(Connection c, CompiledNode node) throws SQLException, WarehouseException {
        String schema = node.relation().getSchema();
        String name = node.relation().getIdentifier();
        Config config = Config.of(node);
        // one moment for the whole run: every row it closes or opens carries the same time
        String now = "cast('" + snapshotTime(c) + "' as timestamp)";
        if (dialect.relationKind(c, schema, name).isEmpty()) {
            execute(c, dialect.createTableAsSql(schema, name, firstRun(node, config, now)));
            return new Run(true, "CREATE SNAPSHOT");
        }
        String source = Sidecar.SNAPSHOT_SOURCE.nameFor(name, dialect.maxIdentifierBytes());
        execute(c, dialect.dropSql(RelationKind.TABLE, schema, source, false));
        execute(c, dialect.createTableAsSql(schema, source, node.compiledSql()));
        try {
            Map<String, String> incoming = dialect.columns(c, schema, source);
            for (String key : config.keys()) {
                if (find(incoming, key) == null) {
                    throw new WarehouseException("Snapshot " + node.name() + ": its select has no column '" + key
                            + "' (unique_key)", "Select the unique_key column, or change unique_key.");
                }
            }
            checkMetaColumns(node, config, dialect.columns(c, schema, name));
            return new Run(false, Transactions.callSql(c, tx -> apply(tx, config, now, schema, name, source,
                    incoming)));
        } finally {
            execute(c, dialect.dropSql(RelationKind.TABLE, schema, source, false));
        }
    }

    /** The history must have the meta columns the config names: else its versions cannot be told apart. */
    private static void checkMetaColumns(CompiledNode node, Config config, Map<String, String> history)
            throws WarehouseException {
        SnapshotColumns meta = config.columns();
        List<String> missing = new ArrayList<>();
        for (String column : List.of(meta.scdId(), meta.updatedAt(), meta.validFrom(), meta.validTo())) {
            if (find(history, column) == null) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new WarehouseException("Snapshot " + node.name() + ": its history table " + node.relation()
                    + " has no column " + String.join(", ", missing) + " (its meta columns, as "
                    + "snapshot_meta_column_names names them)", "The history was recorded with other meta column "
                    + "names: rename its columns to the configured ones, or configure the names it has.");
        }
    }

    private String firstRun(CompiledNode node, Config config, String now) {
        String version = versionTime(config, "s", now);
        SnapshotColumns meta = config.columns();
        return "select s.*, " + scdId(config, "s", version) + " as " + q(meta.scdId()) + ", " + version + " as "
                + q(meta.updatedAt()) + ", " + version + " as " + q(meta.validFrom()) + ", " + validToCurrent(config)
                + " as " + q(meta.validTo())
                + (newRecords(config) ? ", cast('False' as varchar) as " + q(meta.isDeleted()) : "")
                + " from (\n" + node.compiledSql() + "\n) s";
    }

    private String apply(Connection tx, Config config, String now, String schema, String name, String source,
            Map<String, String> incoming) throws SQLException {
        Map<String, String> history = new LinkedHashMap<>(dialect.columns(tx, schema, name));
        List<String> ddl = new ArrayList<>();
        for (Map.Entry<String, String> column : incoming.entrySet()) {
            if (find(history, column.getKey()) == null) {
                // a column new in the select is added to the history, empty for the versions before it
                ddl.add(dialect.addColumnSql(schema, name, column.getKey(), column.getValue()));
            }
        }
        String isDeleted = config.columns().isDeleted();
        if (newRecords(config) && find(history, isDeleted) == null) {
            // as dbt: hard_deletes new_record set on a history recorded without it adds the column
            ddl.add(dialect.addColumnSql(schema, name, isDeleted, "varchar"));
            history.put(isDeleted, "varchar");
        }
        String into = dialect.qualified(schema, name);
        String from = dialect.qualified(schema, source);
        String current = currentCondition(config, "t");
        String match = keyMatch(config.keys(), "t", "s");
        String version = versionTime(config, "s", now);
        SnapshotColumns meta = config.columns();
        String validTo = q(meta.validTo());
        long changed;
        long deleted = 0;
        try (Statement s = tx.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
            // 1. close the current version of every key whose row changed (or that comes back after a delete)
            changed = s.executeUpdate("update " + into + " t set " + validTo + " = (select " + version + " from "
                    + from + " s where " + match + ") where " + current + " and exists (select 1 from " + from
                    + " s where " + match + " and (" + changedCondition(config, incoming, "t", "s") + "))");
            // 2. with hard deletes: close what the select no longer returns, and say it was deleted
            if (!"ignore".equals(config.hardDeletes())) {
                if (newRecords(config)) {
                    s.executeUpdate("insert into " + into + " (" + columnList(history, null) + ") select "
                            + columnList(history, "t", Map.of(q(meta.scdId()), scdId(config, "t", now),
                                    q(meta.updatedAt()), now, q(meta.validFrom()), now, validTo, validToCurrent(config),
                                    q(meta.isDeleted()), "'True'"))
                            + " from " + into + " t where " + current + " and " + notDeleted(config, "t")
                            + " and not exists (select 1 from " + from + " s where " + match + ")");
                    deleted = s.executeUpdate("update " + into + " t set " + validTo + " = " + now + " where "
                            + current + " and " + notDeleted(config, "t") + " and " + q(meta.validFrom()) + " <> " + now
                            + " and not exists (select 1 from " + from + " s where " + match + ")");
                } else {
                    deleted = s.executeUpdate("update " + into + " t set " + validTo + " = " + now + " where "
                            + current + " and not exists (select 1 from " + from + " s where " + match + ")");
                }
            }
            // 3. a new version for every key without a current one: new keys and the ones just closed
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put(q(meta.scdId()), scdId(config, "s", version));
            extra.put(q(meta.updatedAt()), version);
            extra.put(q(meta.validFrom()), version);
            extra.put(validTo, validToCurrent(config));
            if (newRecords(config)) {
                extra.put(q(meta.isDeleted()), "'False'");
            }
            long added = s.executeUpdate("insert into " + into + " (" + join(incoming.keySet(), null) + ", "
                    + String.join(", ", extra.keySet()) + ") select " + join(incoming.keySet(), "s") + ", "
                    + String.join(", ", extra.values()) + " from " + from + " s where not exists (select 1 from "
                    + into + " t where " + match + " and " + current + ")");
            return "SNAPSHOT " + added + " new version" + (added == 1 ? "" : "s") + ", " + changed + " closed"
                    + (deleted > 0 ? ", " + deleted + " deleted" : "");
        }
    }

    /** When the new version is valid from: the row's updated_at, or the run's moment for check. */
    private String versionTime(Config config, String alias, String now) {
        return "timestamp".equals(config.strategy()) ? "cast(" + alias + "." + config.updatedAt() + " as timestamp)" : now;
    }

    private String changedCondition(Config config, Map<String, String> incoming, String t, String s) {
        StringJoiner any = new StringJoiner(" or ");
        if ("timestamp".equals(config.strategy())) {
            any.add("cast(" + s + "." + config.updatedAt() + " as timestamp) > " + t + "."
                    + q(config.columns().updatedAt()));
        } else {
            List<String> columns = new ArrayList<>();
            if (config.checkCols() instanceof List<?> list) {
                list.forEach(col -> columns.add(String.valueOf(col)));
            } else {
                columns.addAll(incoming.keySet());
            }
            for (String column : columns) {
                String existing = find(incoming, column);
                String quoted = existing == null ? column : q(existing);
                any.add(t + "." + quoted + " is distinct from " + s + "." + quoted);
            }
        }
        if (newRecords(config)) {
            any.add(t + "." + q(config.columns().isDeleted()) + " = 'True'");
        }
        return any.toString();
    }

    private String currentCondition(Config config, String alias) {
        String validTo = alias + "." + q(config.columns().validTo());
        // as dbt: a version recorded before dbt_valid_to_current was set (null) is current too
        return config.validToCurrent() == null ? validTo + " is null"
                : "(" + validTo + " = " + validToCurrent(config) + " or " + validTo + " is null)";
    }

    private String validToCurrent(Config config) {
        return config.validToCurrent() == null ? "cast(null as timestamp)"
                : "cast(" + config.validToCurrent() + " as timestamp)";
    }

    private String notDeleted(Config config, String alias) {
        return "coalesce(" + alias + "." + q(config.columns().isDeleted()) + ", 'False') <> 'True'";
    }

    private static boolean newRecords(Config config) {
        return "new_record".equals(config.hardDeletes());
    }

    /** dbt_scd_id: a hash of the key and the version's time, unique per version. */
    private String scdId(Config config, String alias, String version) {
        StringJoiner parts = new StringJoiner(" || '|' || ");
        for (String key : config.keys()) {
            parts.add("coalesce(cast(" + alias + "." + key + " as varchar), '')");
        }
        parts.add("coalesce(cast(" + version + " as varchar), '')");
        return "md5(" + parts + ")";
    }

    private String keyMatch(List<String> keys, String left, String right) {
        StringJoiner match = new StringJoiner(" and ");
        for (String key : keys) {
            match.add(left + "." + key + " = " + right + "." + key);
        }
        return match.toString();
    }

    private String columnList(Map<String, String> columns, String alias) {
        return join(columns.keySet(), alias);
    }

    /** The history's columns, each from alias, but the meta columns given in replaced. */
    private String columnList(Map<String, String> columns, String alias, Map<String, String> replaced) {
        StringJoiner out = new StringJoiner(", ");
        for (String column : columns.keySet()) {
            out.add(replaced.getOrDefault(q(column), alias + "." + q(column)));
        }
        return out.toString();
    }

    private String join(Iterable<String> columns, String alias) {
        StringJoiner out = new StringJoiner(", ");
        for (String column : columns) {
            out.add(alias == null ? q(column) : alias + "." + q(column));
        }
        return out.toString();
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    private static String find(Map<String, String> columns, String name) {
        for (String column : columns.keySet()) {
            if (column.equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }

    private static String snapshotTime(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select cast(current_timestamp as timestamp)")) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t.toLocalDateTime().toString().replace('T', ' ');
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package org.sqlwarehouse.compile;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sqlwarehouse.project.ConfigTree;
import org.sqlwarehouse.project.SnapshotSource;

/**
 * Snapshots as a compile sees them: the block's body rendered as a model's SQL (its config() calls
 * and refs), the relation it keeps its history in, and its config checked before anything runs.
 */
final class SnapshotNodes {
    /** The meta columns snapshot_meta_column_names may rename (dbt 1.9). */
    private static final List<String> META_COLUMNS = List.of("dbt_valid_from", "dbt_valid_to", "dbt_scd_id",
            "dbt_updated_at", "dbt_is_deleted");

    private SnapshotNodes() {
    }

    /** Renders the block's body; what it reads and configures lands in the state. */
    static CompileRenders.Rendered render(CompileRun run, SnapshotSource snapshot, Function<String, Relation> refs,
            Relation self) {
        return CompileRenders.render(run.renderer, snapshot.sql(),
                () -> run.state(snapshot.relativePath(), refs, false), Map.of("this", self));
    }

    /** The snapshots: config of dbt_project.yml under the block's own config() calls. */
    static Map<String, Object> config(SnapshotSource snapshot, RenderState state) {
        Map<String, Object> config = new LinkedHashMap<>(snapshot.config());
        state.configCalls.forEach((k, v) -> ConfigTree.merge(config, k, v));
        config.put("materialized", "snapshot");
        return config;
    }

    /**
     * The table of its history: dbt's legacy target_schema as it is written (no dev prefix, as in
     * dbt), else the schema config through generate_schema_name, as a model's (dbt 1.9).
     */
    static Relation relation(CompileRun run, SnapshotSource snapshot, Map<String, Object> config) {
        Object targetSchema = config.get("target_schema");
        if (targetSchema == null || String.valueOf(targetSchema).isBlank()) {
            Map<String, Object> asTable = new LinkedHashMap<>(config);
            asTable.put("materialized", "table");
            return run.naming.relationFor(snapshot.name(), asTable, "snapshot", snapshot.fqn(),
                    snapshot.relativePath());
        }
        Object alias = config.get("alias");
        String identifier = alias == null || String.valueOf(alias).isBlank() ? snapshot.name()
                : String.valueOf(alias).strip();
        identifier = run.settings.identifierOverrides().getOrDefault(snapshot.name(), identifier);
        return run.relation(String.valueOf(targetSchema).strip(), identifier, "table");
    }

    /** What dbt refuses before it runs a snapshot: a missing strategy, key or column to compare. */
    static void check(CompileRun run, SnapshotSource snapshot, Map<String, Object> config) {
        String where = snapshot.relativePath() + ": snapshot '" + snapshot.name() + "'";
        String strategy = String.valueOf(config.getOrDefault("strategy", "")).strip().toLowerCase(Locale.ROOT);
        if (config.get("unique_key") == null) {
            run.problems.add(where + " needs a unique_key config (a column, or a list of columns)");
        }
        switch (strategy) {
            case "timestamp" -> {
                if (config.get("updated_at") == null) {
                    run.problems.add(where + " uses strategy 'timestamp', which needs an updated_at config");
                }
            }
            case "check" -> {
                Object cols = config.get("check_cols");
                if (cols == null || !(cols instanceof List<?> || "all".equals(String.valueOf(cols)))) {
                    run.problems.add(where + " uses strategy 'check', which needs check_cols: a list of columns "
                            + "or 'all'");
                }
            }
            default -> run.problems.add(where + " needs strategy: timestamp or check, found '" + strategy + "'");
        }
        Object hardDeletes = config.get("hard_deletes");
        if (hardDeletes != null && !List.of("ignore", "invalidate", "new_record")
                .contains(String.valueOf(hardDeletes).toLowerCase(Locale.ROOT))) {
            run.problems.add(where + " has hard_deletes '" + hardDeletes + "'; use ignore, invalidate or new_record");
        }
        checkMetaColumnNames(run, where, config.get("snapshot_meta_column_names"));
        Object targetDatabase = config.get("target_database");
        if (targetDatabase != null && !String.valueOf(targetDatabase).isBlank() && run.database != null
                && !String.valueOf(targetDatabase).strip().equalsIgnoreCase(run.database)) {
            run.problems.add(where + " builds into database '" + targetDatabase + "' (target_database), but the "
                    + "plugin builds into the target's database '" + run.database + "' only; remove target_database");
        }
    }

    /** snapshot_meta_column_names: a mapping from dbt's meta column names to the ones the history uses. */
    private static void checkMetaColumnNames(CompileRun run, String where, Object renamed) {
        if (renamed == null) {
            return;
        }
        if (!(renamed instanceof Map<?, ?> map)) {
            run.problems.add(where + " has snapshot_meta_column_names '" + renamed + "'; it must map dbt's names ("
                    + String.join(", ", META_COLUMNS) + ") to the ones to use");
            return;
        }
        Set<String> names = new HashSet<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!META_COLUMNS.contains(key)) {
                run.problems.add(where + " renames '" + key + "' in snapshot_meta_column_names, which is not a meta "
                        + "column; use " + String.join(", ", META_COLUMNS));
            } else if (e.getValue() == null || String.valueOf(e.getValue()).isBlank()
                    || !names.add(String.valueOf(e.getValue()).strip().toLowerCase(Locale.ROOT))) {
                run.problems.add(where + " renames '" + key + "' to '" + e.getValue() + "' in "
                        + "snapshot_meta_column_names; each meta column needs a name of its own");
            }
        }
    }
}

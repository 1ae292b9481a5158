package org.sqlwarehouse.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code models:} or {@code seeds:} tree of dbt_project.yml, where configs set on a folder apply to
 * everything below it and deeper settings win. Keys may carry dbt's '+' prefix; without it a key is
 * a config when its name is a known config and its value is not a folder of further settings.
 */
public final class ConfigTree {
    /** Config names dbt accepts without '+'; anything else without '+' is a folder or node name. */
    static final Set<String> KNOWN_CONFIGS = Set.of("materialized", "schema", "alias", "database", "tags", "enabled",
            "pre-hook", "post-hook", "pre_hook", "post_hook", "unique_key", "incremental_strategy", "on_schema_change",
            "full_refresh", "column_types", "quote_columns", "persist_docs", "grants", "meta", "docs", "contract",
            "delimiter", "sql_header", "indexes", "bind", "group", "access", "severity", "where", "store_failures",
            "limit", "incremental_predicates", "event_time", "batch_size", "begin", "lookback",
            "concurrent_batches", "warn_if", "error_if", "fail_calc", "quoting", "identifier", "loaded_at_field", "freshness",
            // snapshots'
            "strategy", "updated_at", "check_cols", "target_schema", "target_database", "hard_deletes",
            "invalidate_hard_deletes", "dbt_valid_to_current", "snapshot_meta_column_names");

    /** Configs whose values accumulate down the tree instead of being replaced. */
    private static final Set<String> ADDITIVE = Set.of("tags", "pre-hook", "post-hook");

    private final Map<String, Object> root;

    public ConfigTree(Map<String, Object> root) {
        this.root = root == null ? Map.of() : root;
    }

    /**
     * The config for a node at {@code path}: the project name, then its folders, then the node's own
     * name, e.g. [shop, staging, stg_orders].
     */
    public Map<String, Object> resolve(List<String> path) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> level = root;
        applyConfigs(level, result);
        for (String segment : path) {
            Object next = level.get(segment);
            if (!(next instanceof Map)) {
                break;
            }
            level = asMap(next);
            applyConfigs(level, result);
        }
        return result;
    }

    private static void applyConfigs(Map<String, Object> level, Map<String, Object> into) {
        for (Map.Entry<String, Object> e : level.entrySet()) {
            String key = e.getKey();
            boolean plus = key.startsWith("+");
            String name = normalizeKey(plus ? key.substring(1) : key);
            if (plus || (KNOWN_CONFIGS.contains(name) && !isFolder(name, e.getValue()))) {
                merge(into, name, e.getValue());
            }
        }
    }

    /** A map under a known config name is still a config for those configs that are maps themselves. */
    private static boolean isFolder(String name, Object value) {
        if (!(value instanceof Map)) {
            return false;
        }
        return !Set.of("column_types", "meta", "docs", "persist_docs", "grants", "contract", "quoting", "freshness",
                "snapshot_meta_column_names").contains(name);
    }

    /** dbt accepts pre_hook for pre-hook. */
    public static String normalizeKey(String key) {
        return switch (key) {
            case "pre_hook" -> "pre-hook";
            case "post_hook" -> "post-hook";
            default -> key;
        };
    }

    /** Sets a config, accumulating tags and hooks, merging map-valued configs key by key. */
    @SuppressWarnings("unchecked")
    public static void merge(Map<String, Object> into, String name, Object value) {
        name = normalizeKey(name);
        if (ADDITIVE.contains(name)) {
            List<Object> list = new ArrayList<>();
            Object existing = into.get(name);
            addAll(list, existing);
            addAll(list, value);
            into.put(name, list);
        } else if (value instanceof Map && into.get(name) instanceof Map) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) into.get(name));
            merged.putAll((Map<String, Object>) value);
            into.put(name, merged);
        } else {
            into.put(name, value);
        }
    }

    private static void addAll(List<Object> list, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (!list.contains(o)) {
                    list.add(o);
                }
            }
        } else if (!list.contains(value)) {
            list.add(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}

package org.sqlwarehouse.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A node's config as manifest.json gives it: the keys dbt's schema types, in those types (hooks
 * as {sql, transaction, index} objects, tags as strings, flags as booleans), every other key as
 * the project set it. A typed key whose value dbt would have refused (a list where a string
 * belongs) is left out, so that one odd value does not make the whole manifest unreadable.
 */
final class ManifestConfig {
    /** Marks a value left out. */
    private static final Object OMIT = new Object();
    private static final Set<String> STRINGS = Set.of("alias", "schema", "database", "group", "incremental_strategy",
            "on_schema_change", "where", "store_failures_as", "fail_calc", "warn_if", "error_if", "delimiter",
            "loaded_at_field", "loaded_at_query");
    private static final Set<String> BOOLEANS = Set.of("full_refresh", "store_failures", "quote_columns");
    private static final Set<String> OBJECTS = Set.of("meta", "persist_docs", "quoting", "column_types", "grants");
    private static final Set<String> HOOKS = Set.of("pre-hook", "post-hook");

    private ManifestConfig() {
    }

    /** @param materialized what the node is built as, which dbt always states in the config */
    static Map<String, Object> of(Map<String, Object> config, String materialized) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            Object value = typed(key, e.getValue());
            if (value != OMIT) {
                out.put(key, value);
            }
        }
        out.put("enabled", !(out.get("enabled") instanceof Boolean b) || b);
        if (materialized != null) {
            out.put("materialized", materialized);
        }
        return out;
    }

    private static Object typed(String key, Object value) {
        if (HOOKS.contains(key)) {
            return hooks(value);
        }
        if (value == null) {
            // every typed key but these takes null; enabled is set after
            return OBJECTS.contains(key) || "tags".equals(key) || "enabled".equals(key) ? OMIT : null;
        }
        if (STRINGS.contains(key)) {
            return value instanceof Map || value instanceof List ? OMIT : String.valueOf(value);
        }
        if (BOOLEANS.contains(key) || "enabled".equals(key)) {
            return bool(value);
        }
        if (OBJECTS.contains(key)) {
            return value instanceof Map ? value : OMIT;
        }
        return switch (key) {
            case "tags" -> value instanceof List<?> list ? strings(list) : value instanceof Map ? OMIT
                    : String.valueOf(value);
            case "packages" -> value instanceof List<?> list ? strings(list) : OMIT;
            case "unique_key" -> value instanceof List<?> list ? strings(list) : value instanceof Map ? OMIT
                    : String.valueOf(value);
            case "severity" -> String.valueOf(value).matches("(?i)warn|error") ? String.valueOf(value) : OMIT;
            case "limit" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? n.longValue() : OMIT;
            case "access" -> Set.of("private", "protected", "public").contains(String.valueOf(value)) ? value : OMIT;
            case "on_configuration_change" -> Set.of("apply", "continue", "fail").contains(String.valueOf(value))
                    ? value : OMIT;
            case "docs" -> closed(value, Set.of("show", "node_color"));
            case "contract" -> closed(value, Set.of("enforced", "alias_types"));
            default -> value;
        };
    }

    /** dbt's hooks: a SQL string or a list of them (or of {sql, transaction}) become Hook objects. */
    private static Object hooks(Object value) {
        List<Object> items = value instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        if (value != null && !(value instanceof List)) {
            items.add(value);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> hook = new LinkedHashMap<>();
            if (item instanceof Map<?, ?> m && m.get("sql") != null) {
                hook.put("sql", String.valueOf(m.get("sql")));
                hook.put("transaction", !(bool(m.get("transaction")) instanceof Boolean b) || b);
            } else if (item != null) {
                hook.put("sql", String.valueOf(item));
                hook.put("transaction", true);
            } else {
                continue;
            }
            hook.put("index", out.size());
            out.add(hook);
        }
        return out;
    }

    private static Object bool(Object value) {
        if (value instanceof Boolean) {
            return value;
        }
        String s = String.valueOf(value).toLowerCase(Locale.ROOT);
        return "true".equals(s) ? Boolean.TRUE : "false".equals(s) ? Boolean.FALSE : OMIT;
    }

    private static List<String> strings(List<?> list) {
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** An object dbt's schema closes: only its own keys, with booleans where it wants them. */
    private static Object closed(Object value, Set<String> keys) {
        if (!(value instanceof Map<?, ?> m)) {
            return OMIT;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!keys.contains(key)) {
                continue;
            }
            Object v = "node_color".equals(key) ? (e.getValue() == null ? null : String.valueOf(e.getValue()))
                    : bool(e.getValue());
            if (v != OMIT) {
                out.put(key, v);
            }
        }
        return out;
    }
}

package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.report.BuildLog;

/**
 * Configs dbt applies to the database that this plugin accepts but does not apply (yet), said once per
 * config with the nodes that set it, so that nobody counts on them in silence. Configs that are
 * metadata alone in dbt too (meta, docs, group, access, tags) are not listed.
 */
final class UnappliedConfigs {
    /** Names shown per config before the rest are counted. */
    private static final int SHOWN = 5;

    private static final Map<String, String> NOT_APPLIED = Map.of(
            "bind", "views are always bound as the database binds them");

    private UnappliedConfigs() {
    }

    static void warn(Map<String, CompiledNode> nodes, Dialect dialect, BuildLog log) {
        Map<String, List<String>> setBy = new LinkedHashMap<>();
        for (CompiledNode node : nodes.values()) {
            for (String key : node.config().keySet()) {
                boolean unapplied = NOT_APPLIED.containsKey(key)
                        || "grants".equals(key) && !dialect.supportsGrants()
                        || "indexes".equals(key) && !dialect.supportsIndexes()
                        || "contract".equals(key) && org.sqlwarehouse.project.Microbatch.isMicrobatch(node.config());
                if (unapplied && isSet(node.config().get(key))) {
                    setBy.computeIfAbsent(key, k -> new ArrayList<>()).add(node.name());
                }
            }
        }
        setBy.forEach((key, names) -> {
            String why = "grants".equals(key) ? "a " + dialect.type() + " target has no roles to grant to"
                    : "indexes".equals(key) ? "indexes are created on PostgreSQL only"
                    : "contract".equals(key) ? "microbatch models are not checked against their contract yet"
                    : NOT_APPLIED.get(key);
            String shown = names.size() <= SHOWN ? String.join(", ", names)
                    : String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
            log.warn("The " + key + " config is not applied (" + why + "): set on " + shown);
        });
    }

    /** bind: false, an empty map or list ask for nothing. */
    private static boolean isSet(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty() && m.values().stream().anyMatch(v -> v != null && !Boolean.FALSE.equals(v)
                    && !"false".equalsIgnoreCase(String.valueOf(v)));
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return !String.valueOf(value).isBlank() && !"false".equalsIgnoreCase(String.valueOf(value));
    }
}

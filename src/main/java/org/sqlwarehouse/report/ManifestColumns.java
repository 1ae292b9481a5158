package org.sqlwarehouse.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.project.ColumnProperties;
import org.sqlwarehouse.project.NodeProperties;

/** A node's {@code columns} in manifest.json, in the shape of dbt's ColumnInfo, in declared order. */
final class ManifestColumns {
    private ManifestColumns() {
    }

    static Map<String, Object> of(NodeProperties properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ColumnProperties column : properties.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", column.name());
            m.put("description", column.description());
            m.put("meta", Map.of());
            m.put("data_type", column.dataType());
            m.put("constraints", constraints(column.constraints()));
            m.put("quote", column.quote());
            m.put("tags", List.of());
            m.put("granularity", null);
            out.put(column.name(), m);
        }
        return out;
    }

    /** dbt's ColumnLevelConstraint: every field present, the unset ones empty. */
    static List<Map<String, Object>> constraints(List<Map<String, Object>> written) {
        return written.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.get("type"));
            m.put("name", c.get("name"));
            m.put("expression", c.get("expression"));
            m.put("warn_unenforced", c.getOrDefault("warn_unenforced", true));
            m.put("warn_unsupported", c.getOrDefault("warn_unsupported", true));
            m.put("to", c.get("to"));
            m.put("to_columns", c.getOrDefault("to_columns", List.of()));
            if (c.containsKey("columns")) {
                m.put("columns", c.get("columns"));
            }
            return m;
        }).toList();
    }
}

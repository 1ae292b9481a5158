package org.sqlwarehouse.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlwarehouse.environment.ResolvedTarget;

/** dbt's {@code target} as templates see it. */
final class TargetBinding {
    private TargetBinding() {
    }

    /** dbt's {@code target} as templates see it; never the password. */
    static Map<String, Object> of(CompileSettings settings) {
        Map<String, Object> t = of(settings.target());
        if (t.get("database") == null) {
            // as dbt-duckdb: the catalog, named after the file
            t.put("database", settings.dialect().databaseName(settings.target().definition()));
        }
        return t;
    }

    private static Map<String, Object> of(ResolvedTarget target) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", target.name());
        t.put("target_name", target.name());
        t.put("type", target.type());
        t.put("schema", target.schema());
        t.put("threads", target.threads());
        t.put("database", target.definition().database());
        t.put("dbname", target.definition().database());
        t.put("host", target.definition().host());
        t.put("port", target.definition().port());
        t.put("user", target.definition().user());
        return t;
    }
}

package org.sqlwarehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node's config in the types dbt's manifest schema gives its keys. */
class ManifestConfigTest {
    private static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ManifestConfig.of(config, "table");
    }

    @Test
    void hooksBecomeHookObjectsInOrder() {
        Map<String, Object> config = of("pre-hook", "select 1", "post-hook",
                List.of("select 2", Map.of("sql", "vacuum", "transaction", false)));

        assertThat(config.get("pre-hook")).isEqualTo(List.of(Map.of("sql", "select 1", "transaction", true,
                "index", 0)));
        assertThat(config.get("post-hook")).isEqualTo(List.of(
                Map.of("sql", "select 2", "transaction", true, "index", 0),
                Map.of("sql", "vacuum", "transaction", false, "index", 1)));
    }

    @Test
    void materializedAndEnabledAreAlwaysStated() {
        assertThat(of()).containsEntry("materialized", "table").containsEntry("enabled", true);
        assertThat(of("enabled", "false")).containsEntry("enabled", false);
    }

    @Test
    void typedKeysTakeTheirTypesAndAValueDbtWouldRefuseIsLeftOut() {
        Map<String, Object> config = of("tags", List.of("a", 1), "schema", 42, "alias", List.of("x"),
                "unique_key", List.of("id", "day"), "severity", "Warn", "limit", 10, "meta", "not a map",
                "docs", Map.of("show", "false", "other", 1), "custom_key", List.of(1, 2));

        assertThat(config).containsEntry("tags", List.of("a", "1")).containsEntry("schema", "42")
                .doesNotContainKey("alias").containsEntry("unique_key", List.of("id", "day"))
                .containsEntry("severity", "Warn").containsEntry("limit", 10L).doesNotContainKey("meta")
                .containsEntry("docs", Map.of("show", false)).containsEntry("custom_key", List.of(1, 2));
    }
}

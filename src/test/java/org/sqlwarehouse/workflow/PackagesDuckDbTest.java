package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.testing.DbtSchemas;
import org.sqlwarehouse.testing.ProjectFiles;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * A build with an installed package: a model that calls a dispatched package macro, and the
 * package's generic test named from YAML as mypkg.expression_is_true, run against the rows.
 */
class PackagesDuckDbTest {
    @TempDir
    Path tmp;

    @Test
    void aBuildRunsThePackagesMacrosAndGenericTests() throws Exception {
        Path project = tmp.resolve("project");
        ProjectFiles.write(project, "dbt_project.yml", "name: " + SafetyFixture.PROJECT + "\n");
        ProjectFiles.write(project, "dbt_packages/mypkg/dbt_project.yml", "name: mypkg\nvars:\n  floor: 0\n");
        ProjectFiles.write(project, "dbt_packages/mypkg/macros/label.sql", """
                {% macro label() %}{{ return(adapter.dispatch('label', 'mypkg')()) }}{% endmacro %}
                {% macro default__label() %}'default'{% endmacro %}
                {% macro duckdb__label() %}'duck'{% endmacro %}
                """);
        ProjectFiles.write(project, "dbt_packages/mypkg/macros/expression_is_true.sql", """
                {% test expression_is_true(model, expression) %}
                select * from {{ model }} where not ({{ expression }}) and {{ var('floor') }} = 0
                {% endtest %}
                """);
        ProjectFiles.write(project, "models/orders.sql", """
                {{ config(materialized='table') }}
                select * from (values (1, 10), (2, -5), (3, -7)) as t(order_id, amount)
                """);
        ProjectFiles.write(project, "models/labelled.sql", "select 1 as id, {{ mypkg.label() }} as label\n");
        ProjectFiles.write(project, "models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    tests:
                      - mypkg.expression_is_true:
                          expression: "amount > 0"
                          config:
                            severity: warn
                      - mypkg.expression_is_true:
                          expression: "order_id > 0"
                """);
        Path file = tmp.resolve("packages.duckdb");
        TargetDefinition target = TargetDefinition.builder("staging").type("duckdb").path(file.toString())
                .schema("main_pkgs").protectedFlag(false).threads(2).origin("test").build();

        List<NodeResult> results = new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target,
                BuildLog.SILENT, 30, "1.0")).build();

        assertThat(results).filteredOn(r -> r.uniqueId().startsWith("test.safety.mypkg_expression_is_true_orders_"))
                .extracting(r -> r.uniqueId().replaceAll("\\.[0-9a-f]{8}$", ""), r -> r.status().name(),
                        NodeResult::failures)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("test.safety.mypkg_expression_is_true_orders_amount_0",
                                "WARN", 2),
                        org.assertj.core.groups.Tuple.tuple(
                                "test.safety.mypkg_expression_is_true_orders_order_id_0", "PASS", 0));
        try (TestDatabase db = TestDatabase.duckdb(file.toFile())) {
            assertThat(db.rows("select id, label from main_pkgs.labelled"))
                    .containsExactly(Map.of("id", 1, "label", "duck"));
        }
        // manifest.json lists the package's macros under the package, as dbt's does
        Path manifest = tmp.resolve("out/manifest.json");
        assertThat(DbtSchemas.violations(manifest, DbtSchemas.MANIFEST)).isEmpty();
        JsonNode macro = new ObjectMapper().readTree(manifest.toFile()).path("macros").path("macro.mypkg.duckdb__label");
        assertThat(macro.path("package_name").asText()).isEqualTo("mypkg");
        assertThat(macro.path("original_file_path").asText()).isEqualTo("macros/label.sql");
    }
}

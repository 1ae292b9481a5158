package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;

/** Jinja in dbt_project.yml and property files, rendered as dbt renders it before compiling. */
class YamlTemplatesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeProject() throws IOException {
        ProjectFiles.write(dir, "dbt_project.yml", """
                name: shop
                vars:
                  raw_schema: landing
                models:
                  shop:
                    +alias: "{{ 'v_' ~ this_name_is_undefined if false else 'x_' ~ target.name }}"
                    +tags: ["{{ target.name }}", fixed]
                    +post-hook: "grant select on {{ this }} to reporter"
                seeds:
                  shop:
                    +enabled: "{{ var('load_source_data', false) }}"
                    +column_types: {id: "{{ 'bigint' if target.name == 'dev' else 'integer' }}"}
                """);
        ProjectFiles.write(dir, "models/orders.sql", "select * from {{ source('raw', 'orders') }}\n");
        ProjectFiles.write(dir, "models/orders.yml", """
                version: 2
                sources:
                  - name: raw
                    schema: "{{ var('raw_schema') }}"
                    tables:
                      - name: orders
                        identifier: "{{ 'orders_' ~ target.name }}"
                models:
                  - name: orders
                    config:
                      materialized: "{{ 'table' if target.name == 'dev' else 'view' }}"
                """);
        ProjectFiles.write(dir, "seeds/people.csv", "id\n1\n");
    }

    private CompiledProject compile(Map<String, Object> vars) throws WarehouseException {
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "alice", null);
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), vars, Map.of(), BuildLog.SILENT);
        DbtProject project = YamlTemplates.render(ProjectLoader.load(dir, "fallback"), settings);
        return new ProjectCompiler().compile(project, settings);
    }

    @Test
    void configValuesAreRenderedWithVarsAndTarget() throws Exception {
        CompiledNode orders = compile(Map.of()).nodes().get("model.shop.orders");

        assertThat(orders.relation().getIdentifier()).isEqualTo("x_dev");
        assertThat(orders.materialized()).isEqualTo("table");
        assertThat(orders.config().get("tags")).isEqualTo(java.util.List.of("dev", "fixed"));
        // hooks are rendered with the node, which knows this
        assertThat(orders.postHooks()).containsExactly("grant select on \"dbt_alice\".\"x_dev\" to reporter");
    }

    @Test
    void aTemplatedEnabledFollowsItsVarInsteadOfDisablingSilently() throws Exception {
        assertThat(compile(Map.of()).nodes()).doesNotContainKey("seed.shop.people");

        CompiledProject enabled = compile(Map.of("load_source_data", true));
        assertThat(enabled.nodes()).containsKey("seed.shop.people");
        assertThat(enabled.nodes().get("seed.shop.people").config().get("column_types"))
                .isEqualTo(Map.of("id", "bigint"));
    }

    @Test
    void sourcesNameTheirRenderedSchemaAndIdentifier() throws Exception {
        assertThat(compile(Map.of()).nodes().get("model.shop.orders").compiledSql())
                .isEqualTo("select * from \"landing\".\"orders_dev\"");
    }

    @Test
    void anErrorInAYamlTemplateNamesTheFile() throws Exception {
        ProjectFiles.write(dir, "models/orders.yml", """
                version: 2
                models:
                  - name: orders
                    config:
                      materialized: "{{ var('no_such_var') }}"
                """);
        assertThatThrownBy(() -> compile(Map.of())).hasMessageContaining("models/orders.sql")
                .hasMessageContaining("Required var 'no_such_var' not found");
    }
}

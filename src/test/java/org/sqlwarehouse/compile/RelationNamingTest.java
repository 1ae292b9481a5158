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
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;

/** generate_alias_name and generate_database_name, as a project overrides them. */
class RelationNamingTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeProject() throws IOException {
        ProjectFiles.write(dir, "dbt_project.yml", "name: shop\n");
        ProjectFiles.write(dir, "models/orders.sql", "select 1 as id\n");
        ProjectFiles.write(dir, "models/payments.sql", "{{ config(alias='pay') }}select * from {{ ref('orders') }}\n");
    }

    private CompiledProject compile() throws WarehouseException {
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("prod").type("postgres")
                .host("localhost").database("warehouse").schema("analytics").build(), "dbt_", "alice", null);
        return new ProjectCompiler().compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new PostgresDialect(), Map.of(), Map.of(), BuildLog.SILENT));
    }

    @Test
    void theProjectsGenerateAliasNameNamesEveryRelationAndEveryRefToIt() throws Exception {
        ProjectFiles.write(dir, "macros/aliases.sql", """
                {% macro generate_alias_name(custom_alias_name=none, node=none) -%}
                  {%- if custom_alias_name -%}{{ custom_alias_name | trim }}_{{ target.name }}
                  {%- else -%}{{ node.name }}_v1{%- endif -%}
                {%- endmacro %}
                """);
        CompiledProject project = compile();

        assertThat(project.nodes().get("model.shop.orders").relation().getIdentifier()).isEqualTo("orders_v1");
        CompiledNode payments = project.nodes().get("model.shop.payments");
        assertThat(payments.relation().getIdentifier()).isEqualTo("pay_prod");
        assertThat(payments.compiledSql()).isEqualTo("select * from \"analytics\".\"orders_v1\"");
    }

    /** The common override: dbt's default, called from the project's macro, with a twist. */
    @Test
    void anOverrideCallsDbtsDefaults() throws Exception {
        ProjectFiles.write(dir, "macros/naming.sql", """
                {% macro generate_schema_name(custom_schema_name, node) -%}
                  {{ default__generate_schema_name(custom_schema_name, node) | upper }}
                {%- endmacro %}
                {% macro generate_alias_name(custom_alias_name=none, node=none) -%}
                  {{ 'x_' ~ default__generate_alias_name(custom_alias_name, node) }}
                {%- endmacro %}
                {% macro generate_database_name(custom_database_name=none, node=none) -%}
                  {{ default__generate_database_name(custom_database_name, node) }}
                {%- endmacro %}
                """);
        ProjectFiles.write(dir, "models/orders.sql", "{{ config(schema='sales') }}select 1 as id\n");
        CompiledProject project = compile();
        assertThat(project.nodes().get("model.shop.orders").relation().toString())
                .isEqualTo("\"ANALYTICS_SALES\".\"x_orders\"");
        assertThat(project.nodes().get("model.shop.payments").relation().toString())
                .isEqualTo("\"ANALYTICS\".\"x_pay\"");
    }

    @Test
    void generateSchemaNameForEnvGivesTheCustomSchemaAloneInProd() throws Exception {
        ProjectFiles.write(dir, "macros/naming.sql", """
                {% macro generate_schema_name(custom_schema_name, node) -%}
                  {{ generate_schema_name_for_env(custom_schema_name, node) }}
                {%- endmacro %}
                """);
        ProjectFiles.write(dir, "models/orders.sql", "{{ config(schema='sales') }}select 1 as id\n");
        CompiledProject project = compile();
        assertThat(project.nodes().get("model.shop.orders").relation().getSchema()).isEqualTo("sales");
        assertThat(project.nodes().get("model.shop.payments").relation().getSchema()).isEqualTo("analytics");
    }

    @Test
    void withoutAnOverrideTheAliasOrTheNameIsTheIdentifier() throws Exception {
        CompiledProject project = compile();
        assertThat(project.nodes().get("model.shop.orders").relation().getIdentifier()).isEqualTo("orders");
        assertThat(project.nodes().get("model.shop.payments").relation().getIdentifier()).isEqualTo("pay");
    }

    @Test
    void aNodeInAnotherDatabaseIsRefusedNamingIt() throws Exception {
        ProjectFiles.write(dir, "models/elsewhere.sql", "{{ config(database='raw') }}select 1 as id\n");
        assertThatThrownBy(this::compile).hasMessageContaining("models/elsewhere.sql: builds into database 'raw' "
                + "(its database config), but the plugin builds into the target's database 'warehouse' only");
    }

    @Test
    void aGenerateDatabaseNameThatKeepsTheTargetsDatabaseIsFineAndOneThatMovesItIsNot() throws Exception {
        ProjectFiles.write(dir, "macros/databases.sql", """
                {% macro generate_database_name(custom_database_name=none, node=none) -%}
                  {{ target.database if node.name != 'payments' else 'finance' }}
                {%- endmacro %}
                """);
        assertThatThrownBy(this::compile).hasMessageContaining("models/payments.sql: builds into database 'finance' "
                + "(generate_database_name)").satisfies(e -> assertThat(e.getMessage()).doesNotContain("orders.sql"));
    }
}

package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * An installed package's models, seeds and tests as nodes of the project's graph: their unique ids,
 * refs both ways, dbt_project.yml configs (the package's, the root project's over them, config() over
 * both), vars scoped to the package and its macros called bare.
 */
class PackageNodesCompileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("dbt_packages/pkg/dbt_project.yml", """
                name: pkg
                vars:
                  pkg_default: from_pkg
                  overridden: from_pkg
                models:
                  pkg:
                    +materialized: table
                """);
        write("dbt_packages/pkg/seeds/pkg_codes.csv", "code\nA\n");
        write("dbt_packages/pkg/models/pkg_base.sql", "select * from {{ ref('pkg_codes') }}");
        write("dbt_packages/pkg/models/pkg_report.sql", "select * from {{ ref('pkg', 'pkg_base') }}");
        write("models/orders.sql", "select * from {{ ref('pkg_report') }} join {{ ref('pkg', 'pkg_base') }}");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile(Map<String, Object> cliVars) throws WarehouseException {
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb")
                .build(), "dbt_", "alice", null);
        return new ProjectCompiler().compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), cliVars, Map.of()));
    }

    private CompiledProject compile() throws WarehouseException {
        return compile(Map.of());
    }

    private List<String> problems() {
        Throwable thrown = catchThrowable(this::compile);
        assertThat(thrown).isInstanceOf(CompileException.class);
        return ((CompileException) thrown).problems();
    }

    @Test
    void aPackagesNodesHaveItsNameInTheirIdsAndRefsResolveBothWays() throws Exception {
        CompiledProject compiled = compile();

        assertThat(compiled.nodes()).containsKeys("seed.pkg.pkg_codes", "model.pkg.pkg_base", "model.pkg.pkg_report",
                "model.shop.orders");
        CompiledNode base = compiled.nodes().get("model.pkg.pkg_base");
        assertThat(base.compiledSql()).isEqualTo("select * from \"dbt_alice\".\"pkg_codes\"");
        assertThat(base.dependsOn()).containsExactly("seed.pkg.pkg_codes");
        assertThat(base.fqn()).containsExactly("pkg", "pkg_base");
        assertThat(compiled.nodes().get("model.shop.orders").dependsOn())
                .containsExactly("model.pkg.pkg_report", "model.pkg.pkg_base");
        assertThat(compiled.nodes().get("model.pkg.pkg_report").dependsOn()).containsExactly("model.pkg.pkg_base");
    }

    @Test
    void aTwoArgumentRefToAnotherProjectsNodeFails() throws Exception {
        write("models/orders.sql", "select * from {{ ref('shop', 'pkg_base') }}");

        assertThat(problems()).singleElement().asString().contains("models/orders.sql")
                .contains("ref('shop', 'pkg_base') names a node of 'pkg', not of 'shop'");
    }

    @Test
    void thePackagesConfigsApplyAndTheRootProjectsWinAndConfigInTheFileWinsOverBoth() throws Exception {
        CompiledProject compiled = compile();
        assertThat(compiled.nodes().get("model.pkg.pkg_base").materialized()).isEqualTo("table");

        write("dbt_project.yml", """
                name: shop
                models:
                  pkg:
                    +materialized: view
                    +schema: pkg_area
                    pkg_report:
                      +enabled: false
                """);
        write("models/orders.sql", "select * from {{ ref('pkg_base') }}");
        write("dbt_packages/pkg/models/pkg_other.sql", "{{ config(materialized='ephemeral') }} select 1");
        compiled = compile();

        CompiledNode base = compiled.nodes().get("model.pkg.pkg_base");
        assertThat(base.materialized()).isEqualTo("view");
        // dbt's generate_schema_name: the target schema, _, the custom schema
        assertThat(base.relation().toString()).isEqualTo("\"dbt_alice_pkg_area\".\"pkg_base\"");
        assertThat(compiled.nodes()).doesNotContainKey("model.pkg.pkg_report");
        assertThat(compiled.nodes().get("model.pkg.pkg_other").materialized()).isEqualTo("ephemeral");
    }

    @Test
    void aRefToAPackageModelTheRootProjectDisabledSaysSo() throws Exception {
        write("dbt_project.yml", "name: shop\nmodels:\n  pkg:\n    pkg_report:\n      +enabled: false\n");

        assertThat(problems()).singleElement().asString().contains("models/orders.sql")
                .contains("ref('pkg_report') points to a disabled model");
    }

    @Test
    void aRootModelReplacesThePackageModelTheRootProjectDisables() throws Exception {
        write("dbt_project.yml", "name: shop\nmodels:\n  pkg:\n    pkg_base:\n      +enabled: false\n");
        write("models/pkg_base.sql", "select 'replaced' as code");
        write("dbt_packages/pkg/models/pkg_report.sql", "select * from {{ ref('pkg_base') }}");
        write("models/orders.sql", "select * from {{ ref('pkg_report') }}");

        CompiledProject compiled = compile();

        assertThat(compiled.nodes()).containsKey("model.shop.pkg_base").doesNotContainKey("model.pkg.pkg_base");
        assertThat(compiled.nodes().get("model.pkg.pkg_report").dependsOn()).containsExactly("model.shop.pkg_base");
    }

    @Test
    void theRootProjectsGenerateSchemaNameNamesThePackagesRelationsToo() throws Exception {
        write("macros/schema.sql", """
                {% macro generate_schema_name(custom_schema_name, node) %}root_naming{% endmacro %}
                """);

        CompiledProject compiled = compile();

        assertThat(compiled.nodes().get("model.pkg.pkg_base").relation().getSchema()).isEqualTo("root_naming");
        assertThat(compiled.nodes().get("seed.pkg.pkg_codes").relation().getSchema()).isEqualTo("root_naming");
    }

    @Test
    void aPackagesOwnGenerateSchemaNameNamesItsNodesAsDbtDoes() throws Exception {
        write("macros/schema.sql", """
                {% macro generate_schema_name(custom_schema_name, node) %}root_{{ node.package_name }}{% endmacro %}
                """);
        write("dbt_packages/pkg/macros/schema.sql", """
                {% macro generate_schema_name(custom_schema_name, node) %}pkg_{{ node.package_name }}{% endmacro %}
                """);

        CompiledProject compiled = compile();

        assertThat(compiled.nodes().get("model.pkg.pkg_base").relation().getSchema()).isEqualTo("pkg_pkg");
        assertThat(compiled.nodes().get("model.shop.orders").relation().getSchema()).isEqualTo("root_shop");
    }

    @Test
    void varsAreScopedToThePackageWithTheRootProjectsOverThePackagesAndTheCommandLineOverAll() throws Exception {
        write("dbt_project.yml", """
                name: shop
                vars:
                  global_var: g
                  overridden: from_root_global
                  shop:
                    root_only: r
                  pkg:
                    scoped: s
                """);
        String vars = "{{ var('global_var') }} {{ var('pkg_default') }} {{ var('overridden') }} {{ var('scoped') }}"
                + " {{ var('root_only', 'unseen') }} {{ var('cli', 'none') }}";
        write("dbt_packages/pkg/models/pkg_vars.sql", vars);
        write("models/root_vars.sql", vars.replace("var('pkg_default')", "var('pkg_default', 'unseen')")
                .replace("var('scoped')", "var('scoped', 'unseen')"));

        CompiledProject compiled = compile();
        assertThat(compiled.nodes().get("model.pkg.pkg_vars").compiledSql())
                .isEqualTo("g from_pkg from_root_global s unseen none");
        assertThat(compiled.nodes().get("model.shop.root_vars").compiledSql())
                .isEqualTo("g unseen from_root_global unseen r none");

        write("dbt_project.yml", """
                name: shop
                vars:
                  pkg:
                    overridden: from_root_scoped
                """);
        write("dbt_packages/pkg/models/pkg_vars.sql",
                "{{ var('pkg_default') }} {{ var('overridden') }} {{ var('cli') }}");
        write("models/root_vars.sql", "select 1");
        compiled = compile(Map.of("cli", "c", "pkg_default", "from_cli"));
        assertThat(compiled.nodes().get("model.pkg.pkg_vars").compiledSql()).isEqualTo("from_cli from_root_scoped c");
    }

    @Test
    void aPackagesNodeCallsItsOwnMacrosBareBeforeTheRootProjects() throws Exception {
        write("macros/helpers.sql", """
                {% macro helper() %}root_helper{% endmacro %}
                {% macro root_only() %}root_only{% endmacro %}
                """);
        write("dbt_packages/pkg/macros/helpers.sql", "{% macro helper() %}pkg_helper{% endmacro %}");
        write("dbt_packages/pkg/models/pkg_macros.sql", "{{ helper() }} {{ root_only() }} {{ shop.helper() }}");
        write("models/root_macros.sql", "{{ helper() }} {{ pkg.helper() }}");

        CompiledProject compiled = compile();

        assertThat(compiled.nodes().get("model.pkg.pkg_macros").compiledSql())
                .isEqualTo("pkg_helper root_only root_helper");
        assertThat(compiled.nodes().get("model.shop.root_macros").compiledSql()).isEqualTo("root_helper pkg_helper");
    }

    @Test
    void aPackagesPropertyFileTestsAndSingularTestsAreItsNodes() throws Exception {
        write("dbt_packages/pkg/models/schema.yml", """
                models:
                  - name: pkg_base
                    columns:
                      - name: code
                        data_tests: [not_null]
                """);
        write("dbt_packages/pkg/tests/codes_are_short.sql", "select * from {{ ref('pkg_base') }} where length(code) > 1");

        CompiledProject compiled = compile();

        assertThat(compiled.nodes().keySet()).anySatisfy(id -> assertThat(id)
                .startsWith("test.pkg.not_null_pkg_base_code."));
        CompiledNode singular = compiled.nodes().get("test.pkg.codes_are_short");
        assertThat(singular.dependsOn()).containsExactly("model.pkg.pkg_base");
        assertThat(singular.fqn()).containsExactly("pkg", "codes_are_short");
    }

    @Test
    void aBareGenericTestInAPackagesPropertyFileFindsThePackagesOwnFirst() throws Exception {
        write("macros/positive.sql", "{% test positive(model, column_name) %}select 'root' from {{ model }}{% endtest %}");
        write("dbt_packages/pkg/macros/positive.sql",
                "{% test positive(model, column_name) %}select 'pkg' from {{ model }}{% endtest %}");
        write("dbt_packages/pkg/models/schema.yml", """
                models:
                  - name: pkg_base
                    columns:
                      - name: code
                        data_tests: [positive]
                """);
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: code
                        data_tests: [positive]
                """);

        CompiledProject compiled = compile();

        assertThat(compiled.nodes().values()).filteredOn(n -> n.name().startsWith("positive_"))
                .extracting(n -> n.uniqueId() + " " + n.compiledSql())
                .anySatisfy(s -> assertThat(s).startsWith("test.pkg.positive_pkg_base_code.").contains("'pkg'"))
                .anySatisfy(s -> assertThat(s).startsWith("test.shop.positive_orders_code.").contains("'root'"));
    }

    @Test
    void packagesRunHooksRunBeforeTheRootProjectsEachWithItsOwnVars() throws Exception {
        write("dbt_project.yml", "name: shop\non-run-start: \"select '{{ var('overridden', 'root_none') }}'\"\n"
                + "vars:\n  pkg:\n    overridden: from_root_scoped\n");
        write("dbt_packages/pkg/dbt_project.yml", """
                name: pkg
                vars:
                  overridden: from_pkg
                on-run-start:
                  - "select '{{ var('overridden') }}'"
                on-run-end: "select 'pkg end'"
                """);
        write("dbt_packages/another/dbt_project.yml", "name: another\non-run-start: select 'another'\n");

        CompiledProject compiled = compile();

        assertThat(compiled.onRunStart()).containsExactly("select 'another'", "select 'from_root_scoped'",
                "select 'root_none'");
        assertThat(compiled.onRunEnd()).containsExactly("select 'pkg end'");
    }
}

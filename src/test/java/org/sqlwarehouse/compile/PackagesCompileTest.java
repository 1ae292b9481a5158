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
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * Installed packages (dbt_packages/): their macros under the package's name, bare among
 * themselves, their vars, their generic tests, and adapter.dispatch's search order.
 */
class PackagesCompileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        write("dbt_project.yml", "name: shop\n");
        write("macros/root_helpers.sql", "{% macro helper() %}root_helper{% endmacro %}\n");
        write("dbt_packages/mypkg/dbt_project.yml", """
                name: mypkg
                vars:
                  pkg_greeting: hello
                  shared: from_pkg
                """);
        write("dbt_packages/mypkg/macros/helpers.sql", "{% macro helper() %}pkg_helper{% endmacro %}\n");
        write("dbt_packages/mypkg/macros/uses.sql", """
                {% macro uses_sibling() %}{{ helper() }}{% endmacro %}
                {% macro greet() %}{{ var('pkg_greeting') }}-{{ var('shared') }}{% endmacro %}
                """);
        write("dbt_packages/mypkg/macros/dispatched.sql", """
                {% macro cast_it(x) %}{{ return(adapter.dispatch('cast_it', 'mypkg')(x)) }}{% endmacro %}
                {% macro default__cast_it(x) %}default:{{ x }}{% endmacro %}
                {% macro duckdb__cast_it(x) %}duckdb:{{ x }}{% endmacro %}
                {% macro postgres__cast_it(x) %}postgres:{{ x }}{% endmacro %}
                {% macro only_default(x) %}{{ adapter.dispatch('only_default', macro_namespace='mypkg')(x) }}{% endmacro %}
                {% macro default__only_default(x) %}only_default:{{ x }}{% endmacro %}
                {% macro nowhere() %}{{ adapter.dispatch('nowhere', 'mypkg')() }}{% endmacro %}
                """);
        write("dbt_packages/mypkg/macros/tests.sql", """
                {% test expression_is_true(model, expression) %}
                select * from {{ model }} where not ({{ expression }})
                {% endtest %}
                """);
        write("models/orders.sql", "select 1 as order_id, 10 as amount");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile(String type) throws WarehouseException {
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type(type).path("x.duckdb")
                .build(), "dbt_", "alice", null);
        Dialect dialect = "postgres".equals(type) ? new PostgresDialect() : new DuckDbDialect();
        DbtProject project = ProjectLoader.load(dir, "fallback");
        return new ProjectCompiler().compile(project, new CompileSettings(target, dialect, Map.of(), Map.of()));
    }

    /** The SQL of a model m with the given text, on DuckDB. */
    private String model(String sql) throws WarehouseException {
        return model(sql, "duckdb");
    }

    private String model(String sql, String type) throws WarehouseException {
        try {
            write("models/m.sql", sql);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return compile(type).nodes().get("model.shop.m").compiledSql();
    }

    private List<String> problems(String sql) throws IOException {
        write("models/m.sql", sql);
        Throwable thrown = catchThrowable(() -> compile("duckdb"));
        assertThat(thrown).isInstanceOf(CompileException.class);
        return ((CompileException) thrown).problems();
    }

    // ---- macros ----

    @Test
    void rootMacrosAreBareAndPackageMacrosAreUnderThePackagesName() throws Exception {
        assertThat(model("{{ helper() }} {{ mypkg.helper() }} {{ shop.helper() }}"))
                .isEqualTo("root_helper pkg_helper root_helper");
    }

    @Test
    void aPackageMacroCallsItsSiblingInAnotherFileBare() throws Exception {
        // the root project's helper() does not win inside the package
        assertThat(model("{{ mypkg.uses_sibling() }}")).isEqualTo("pkg_helper");
        // what the package lacks it finds among the root project's macros and dbt's functions
        write("macros/root_only.sql", "{% macro root_only() %}from_root{% endmacro %}");
        write("dbt_packages/mypkg/macros/calls_root.sql",
                "{% macro calls_root() %}{{ root_only() }} {{ ref('orders') }}{% endmacro %}");
        assertThat(model("{{ mypkg.calls_root() }}")).isEqualTo("from_root \"dbt_alice\".\"orders\"");
    }

    @Test
    void macrosNamedWithAnUnderscoreLoadAsAnyOther() throws Exception {
        // dbt-utils style: star() checks its argument with a private sibling in another file
        write("dbt_packages/mypkg/macros/private.sql", "{% macro _is_ok(x) %}{{ return(x > 0) }}{% endmacro %}");
        write("dbt_packages/mypkg/macros/public.sql",
                "{% macro check(x) %}{{ mypkg._is_ok(x) }}/{{ _is_ok(x) }}{% endmacro %}");
        write("macros/private.sql", "{% macro _root_private() %}root_private{% endmacro %}");
        assertThat(model("{{ mypkg.check(1) }} {{ _root_private() }}")).isEqualTo("True/True root_private");
    }

    @Test
    void aPackageMacroIsNotCallableBareFromTheRootProject() throws Exception {
        assertThat(problems("{{ uses_sibling() }}")).singleElement().asString()
                .contains("models/m.sql").contains("uses_sibling");
    }

    @Test
    void aPackageSeesItsOwnVarsUnderTheRootProjects() throws Exception {
        assertThat(model("{{ mypkg.greet() }}")).isEqualTo("hello-from_pkg");

        write("dbt_project.yml", "name: shop\nvars:\n  shared: from_root\n  mypkg:\n    pkg_greeting: hi\n");
        assertThat(model("{{ mypkg.greet() }}")).isEqualTo("hi-from_root");
        // the package's vars stay the package's
        assertThat(model("{{ var('pkg_greeting', 'none') }}")).isEqualTo("none");
    }

    @Test
    void packagesInstallPathMovesWhereThePackagesAre() throws Exception {
        write("dbt_project.yml", "name: shop\npackages-install-path: vendored\n");
        write("vendored/other/dbt_project.yml", "name: otherpkg\n");
        write("vendored/other/macros/m.sql", "{% macro hi() %}other_hi{% endmacro %}");

        assertThat(model("{{ otherpkg.hi() }}")).isEqualTo("other_hi");
        assertThat(problems("{{ mypkg.helper() }}")).singleElement().asString().contains("mypkg");
    }

    @Test
    void aProjectNamedLikeAGlobalLeavesTheGlobalAlone() throws Exception {
        write("dbt_project.yml", "name: target\n");
        write("models/m.sql", "{{ target.name }} {{ mypkg.helper() }}");
        DbtProject project = ProjectLoader.load(dir, "fallback");
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "alice", null);
        assertThat(new ProjectCompiler().compile(project, new CompileSettings(target, new DuckDbDialect(), Map.of(),
                Map.of())).nodes().get("model.target.m").compiledSql()).isEqualTo("dev pkg_helper");
    }

    @Test
    void renderersOnOtherThreadsLoadThePackagesToo() throws Exception {
        for (int i = 0; i < 6; i++) {
            write("models/p" + i + ".sql", "{{ mypkg.cast_it(" + i + ") }} {{ mypkg.uses_sibling() }}");
        }
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb")
                .path("x.duckdb").build(), "dbt_", "alice", null);
        CompiledProject compiled = new ProjectCompiler(3, 1).compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of()));
        for (int i = 0; i < 6; i++) {
            assertThat(compiled.nodes().get("model.shop.p" + i).compiledSql()).isEqualTo("duckdb:" + i + " pkg_helper");
        }
    }

    // ---- dispatch ----

    @Test
    void dispatchPicksTheTargetsImplementationThenTheDefault() throws Exception {
        assertThat(model("{{ mypkg.cast_it(1) }}")).isEqualTo("duckdb:1");
        assertThat(model("{{ mypkg.cast_it(1) }}", "postgres")).isEqualTo("postgres:1");
        assertThat(model("{{ mypkg.only_default(2) }}")).isEqualTo("only_default:2");
        // straight from a model, called on the spot
        assertThat(model("{{ adapter.dispatch('cast_it', 'mypkg')(3) }}")).isEqualTo("duckdb:3");
    }

    @Test
    void theRootProjectIsSearchedBeforeThePackage() throws Exception {
        // the root's default__ comes before the package's duckdb__: each package is searched whole in turn
        write("macros/overrides.sql", "{% macro default__cast_it(x) %}root:{{ x }}{% endmacro %}");
        assertThat(model("{{ mypkg.cast_it(1) }}")).isEqualTo("root:1");
    }

    @Test
    void theRootProjectsDispatchConfigGivesTheSearchOrder() throws Exception {
        write("macros/overrides.sql", "{% macro default__cast_it(x) %}root:{{ x }}{% endmacro %}");
        write("dbt_project.yml", """
                name: shop
                dispatch:
                  - macro_namespace: mypkg
                    search_order: [mypkg, shop]
                """);
        assertThat(model("{{ mypkg.cast_it(1) }}")).isEqualTo("duckdb:1");

        write("dbt_packages/shim/dbt_project.yml", "name: shim\n");
        write("dbt_packages/shim/macros/shim.sql", "{% macro duckdb__cast_it(x) %}shim:{{ x }}{% endmacro %}");
        write("dbt_project.yml", """
                name: shop
                dispatch:
                  - macro_namespace: mypkg
                    search_order: [shim, shop, mypkg]
                """);
        assertThat(model("{{ mypkg.cast_it(1) }}")).isEqualTo("shim:1");
    }

    @Test
    void dispatchWithoutANamespaceSearchesTheRootProject() throws Exception {
        write("macros/own.sql", "{% macro default__own(x) %}own:{{ x }}{% endmacro %}");
        assertThat(model("{{ adapter.dispatch('own')(1) }}")).isEqualTo("own:1");
    }

    @Test
    void noImplementationFoundNamesEveryCandidateTried() throws Exception {
        assertThat(problems("{{ mypkg.nowhere() }}")).singleElement().asString()
                .contains("models/m.sql")
                .contains("no implementation of 'nowhere' in namespace 'mypkg'")
                .contains("shop.duckdb__nowhere, shop.default__nowhere, mypkg.duckdb__nowhere, "
                        + "mypkg.default__nowhere, dbt.duckdb__nowhere, dbt.default__nowhere");
        assertThat(problems("{{ adapter.dispatch('x', 'nopkg')() }}")).singleElement().asString()
                .contains("no package 'nopkg' is installed");
    }

    // ---- generic tests ----

    @Test
    void aPackagesGenericTestIsNamedWithThePackage() throws Exception {
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    tests:
                      - mypkg.expression_is_true:
                          expression: "amount > 0"
                """);
        CompiledNode test = compile("duckdb").nodes().values().stream().filter(CompiledNode::isTest)
                .findFirst().orElseThrow();
        assertThat(test.name()).isEqualTo("mypkg_expression_is_true_orders_amount_0");
        assertThat(test.compiledSql()).isEqualTo("select * from \"dbt_alice\".\"orders\" where not (amount > 0)");
        assertThat(test.dependsOn()).containsExactly("model.shop.orders");
    }

    @Test
    void theProjectsOwnGenericTestMayBeNamedWithTheProject() throws Exception {
        write("dbt_project.yml", "name: target\n");
        write("macros/positive.sql", "{% test positive(model, column_name) %}select 1 from {{ model }} "
                + "where {{ column_name }} <= 0{% endtest %}");
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    columns:
                      - name: amount
                        tests: [target.positive]
                """);
        CompiledNode test = compile("duckdb").nodes().values().stream().filter(CompiledNode::isTest)
                .findFirst().orElseThrow();
        assertThat(test.name()).isEqualTo("target_positive_orders_amount");
        assertThat(test.compiledSql()).isEqualTo("select 1 from \"dbt_alice\".\"orders\" where amount <= 0");
    }

    @Test
    void aBareGenericTestNameFindsThePackagesToo() throws Exception {
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    tests:
                      - expression_is_true:
                          expression: "amount > 0"
                """);
        CompiledNode test = compile("duckdb").nodes().values().stream().filter(CompiledNode::isTest)
                .findFirst().orElseThrow();
        assertThat(test.compiledSql()).endsWith("where not (amount > 0)");
    }

    @Test
    void anUnknownDottedTestSaysWhatIsMissing() throws Exception {
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    tests:
                      - nopkg.expression_is_true:
                          expression: "amount > 0"
                      - mypkg.nope
                """);
        Throwable thrown = catchThrowable(() -> compile("duckdb"));
        assertThat(((CompileException) thrown).problems()).containsExactly(
                "models/schema.yml: unknown generic test 'nopkg.expression_is_true' on orders; no package 'nopkg' "
                        + "is installed (installed: mypkg); add it to packages.yml and install it with mvn warehouse:deps",
                "models/schema.yml: unknown generic test 'mypkg.nope' on orders; the package 'mypkg' defines no "
                        + "{% test nope(model, column_name) %}");
    }
}

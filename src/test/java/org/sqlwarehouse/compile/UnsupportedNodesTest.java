package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * What the plugin does not run yet is said, never skipped in silence: Python models fail the compile,
 * snapshots, analyses and property-file keys that are not read are warnings naming the file, and a
 * test on a model that does not exist is a warning, as in dbt.
 */
class UnsupportedNodesTest {
    @TempDir
    Path dir;

    private ResolvedTarget target;
    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", "name: shop\n");
        write("models/orders.sql", "select 1 as order_id");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    /** Loads and compiles as the build does: the loader's warnings go to the log first. */
    private CompiledProject compile() throws WarehouseException {
        DbtProject project = ProjectLoader.load(dir, "fallback");
        project.warnings().forEach(log::warn);
        return new ProjectCompiler().compile(project, new CompileSettings(target, new DuckDbDialect(), Map.of(),
                Map.of(), log));
    }

    private CompileException compileFails() {
        Throwable thrown = catchThrowable(this::compile);
        assertThat(thrown).isInstanceOf(CompileException.class);
        return (CompileException) thrown;
    }

    // ---- Python models ----

    @Test
    void aPythonModelFailsTheCompileNamingTheFile() throws Exception {
        write("models/staging/scores.py", "def model(dbt, session):\n    return dbt.ref('orders')\n");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/staging/scores.py: Python models are not supported; "
                + "write it as SQL or remove it");
    }

    @Test
    void aRefToAPythonModelNamesItAsOne() throws Exception {
        write("models/scores.py", "def model(dbt, session):\n    return None\n");
        write("models/report.sql", "select 1\nfrom {{ ref('scores') }}");
        CompileException e = compileFails();
        assertThat(e.getMessage()).contains("models/report.sql line 2: ref('scores') names a Python model "
                + "(models/scores.py), which is not built");
    }

    @Test
    void aPythonModelDisabledInTheProjectIsLeftAlone() throws Exception {
        write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    py:\n      +enabled: false\n");
        write("models/py/scores.py", "def model(dbt, session):\n    return None\n");
        assertThat(compile().nodes()).containsKey("model.shop.orders");
    }

    @Test
    void aPythonModelAndASqlModelOfTheSameNameClash() throws Exception {
        write("models/other/orders.py", "def model(dbt, session):\n    return None\n");
        assertThat(catchThrowable(this::compile)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Two nodes are named 'orders'").hasMessageContaining("models/other/orders.py");
    }

    // ---- snapshots and analyses ----

    @Test
    void aSnapshotIsANodeOfItsOwnThatModelsRef() throws Exception {
        write("snapshots/orders_snapshot.sql", """
                {% snapshot orders_snapshot %}
                {{ config(target_schema='snapshots', unique_key='order_id', strategy='check', check_cols='all') }}
                select * from {{ ref('orders') }}
                {% endsnapshot %}
                """);
        write("models/history.sql", "select * from {{ ref('orders_snapshot') }}");
        CompiledProject project = compile();
        CompiledNode snapshot = project.nodes().get("snapshot.shop.orders_snapshot");
        assertThat(snapshot.relation().toString()).isEqualTo("\"snapshots\".\"orders_snapshot\"");
        assertThat(snapshot.compiledSql()).isEqualTo("select * from \"dbt_alice\".\"orders\"");
        assertThat(snapshot.dependsOn()).containsExactly("model.shop.orders");
        assertThat(project.nodes().get("model.shop.history").compiledSql())
                .isEqualTo("select * from \"snapshots\".\"orders_snapshot\"");
        assertThat(warnings).isEmpty();
    }

    @Test
    void snapshotPathsAreWhereSnapshotsAre() throws Exception {
        write("dbt_project.yml", "name: shop\nsnapshot-paths: [history]\n");
        write("history/a.sql", "{%- snapshot a -%}select 1{% endsnapshot %}\n{% snapshot b %}select 2{% endsnapshot %}");
        CompileException e = compileFails();
        assertThat(e.problems()).contains("history/a.sql: snapshot 'a' needs a unique_key config (a column, or a list "
                + "of columns)", "history/a.sql: snapshot 'b' needs a unique_key config (a column, or a list of columns)");
    }

    @Test
    void analysesAreAWarningNamingTheFiles() throws Exception {
        write("analyses/revenue.sql", "select * from {{ ref('orders') }}");
        write("analyses/q/churn.sql", "select 1");
        compile();
        assertThat(warnings).containsExactly("Analyses are not compiled yet, these are left out: "
                + "analyses/q/churn.sql, analyses/revenue.sql");
    }

    // ---- property files ----

    @Test
    void keysThatAreNotRunYetAreAWarningOncePerKeyAndFile() throws Exception {
        write("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                unit_tests:
                  - name: a
                    model: orders
                  - name: b
                    model: orders
                exposures:
                  - name: dashboard
                metrics:
                  - name: revenue
                semantic_models:
                  - name: orders
                saved_queries:
                  - name: q
                snapshots:
                  - name: s
                analyses:
                  - name: x
                macros:
                  - name: cents
                    description: documented, changes nothing built
                groups:
                  - name: finance
                """);
        assertThat(compile().nodes()).containsOnlyKeys("model.shop.orders");
        assertThat(warnings).containsExactly(
                "models/schema.yml: 'unit_tests:' is left out: unit tests are not run yet",
                "models/schema.yml: 'exposures:' is left out: exposures are not read yet",
                "models/schema.yml: 'metrics:' is left out: metrics are not built yet",
                "models/schema.yml: 'semantic_models:' is left out: semantic models are not built yet",
                "models/schema.yml: 'saved_queries:' is left out: saved queries are not run yet",
                "models/schema.yml: 'snapshots:' is left out: snapshots defined in YAML (dbt 1.9) and snapshot configs "
                        + "there are not read yet (their descriptions and columns are); {% snapshot %} blocks are built",
                "models/schema.yml: 'analyses:' is left out: analyses are not compiled yet");
    }

    @Test
    void anUnknownTopLevelKeyIsAWarningWithASuggestion() throws Exception {
        write("models/schema.yml", """
                model:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [unique]
                """);
        CompiledProject project = compile();
        assertThat(project.nodes()).containsOnlyKeys("model.shop.orders");
        assertThat(warnings).containsExactly(
                "models/schema.yml: unknown top-level key 'model:' is ignored; did you mean 'models:'?");
    }

    @Test
    void aTestOnAModelThatDoesNotExistIsAWarningAndLeftOut() throws Exception {
        write("models/schema.yml", """
                models:
                  - name: order
                    columns:
                      - name: order_id
                        tests: [not_null]
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [unique]
                """);
        CompiledProject project = compile();
        assertThat(project.nodes().values()).filteredOn(CompiledNode::isTest).extracting(CompiledNode::name)
                .containsExactly("unique_orders_order_id");
        assertThat(warnings).containsExactly("models/schema.yml: test 'not_null' is attached to model 'order', "
                + "which does not exist; the test is left out");
    }

    @Test
    void aTestOnASeedThatDoesNotExistIsAWarning() throws Exception {
        write("seeds/props.yml", """
                seeds:
                  - name: countries
                    columns:
                      - name: code
                        tests: [unique]
                """);
        compile();
        assertThat(warnings).containsExactly("seeds/props.yml: test 'unique' is attached to seed 'countries', "
                + "which does not exist; the test is left out");
    }

    @Test
    void aTestOnAPythonModelSaysWhatItIs() throws Exception {
        write("models/scores.py", "def model(dbt, session):\n    return None\n");
        write("models/schema.yml", """
                models:
                  - name: scores
                    tests: [unique]
                """);
        compileFails();
        assertThat(warnings).anySatisfy(w -> assertThat(w).isEqualTo("models/schema.yml: test 'unique' is attached "
                + "to model 'scores', which is a Python model (models/scores.py), not built; the test is left out"));
    }

    @Test
    void propertyFilesAreReadFromEveryResourceFolderAsInDbt() throws Exception {
        write("tests/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [unique]
                """);
        write("snapshots/snapshots.yml", """
                snapshots:
                  - name: orders_snapshot
                """);
        write("macros/macros.yml", """
                macros:
                  - name: cents_to_dollars
                    description: changes nothing that is built
                """);
        CompiledProject project = compile();
        assertThat(project.nodes().values()).filteredOn(CompiledNode::isTest).extracting(CompiledNode::name)
                .containsExactly("unique_orders_order_id");
        assertThat(warnings).containsExactly(
                "snapshots/snapshots.yml: 'snapshots:' is left out: snapshots defined in YAML (dbt 1.9) and snapshot configs "
                        + "there are not read yet (their descriptions and columns are); {% snapshot %} blocks are built");
    }

    @Test
    void aPropertyFileInTwoNestedFoldersIsReadOnce() throws Exception {
        write("dbt_project.yml", "name: shop\ntest-paths: [models/checks]\n");
        write("models/checks/schema.yml", """
                sources:
                  - name: raw
                    tables: [{name: payments}]
                """);
        assertThat(compile().nodes()).containsOnlyKeys("model.shop.orders");
        assertThat(warnings).isEmpty();
    }

    @Test
    void dbtBlockTagsThatAreNotRunSayWhatToDo() throws Exception {
        write("models/snap.sql", "select 1\n{% snapshot snap %}select 1{% endsnapshot %}");
        write("macros/materializations.sql", "{% materialization custom, default %}x{% endmaterialization %}");
        assertThat(compileFails().getMessage())
                .contains("models/snap.sql line 2: Encountered unknown tag 'snapshot'. (snapshot blocks belong in "
                        + "a .sql file under snapshots/ (snapshot-paths))")
                .contains("macros/materializations.sql line 1: Encountered unknown tag 'materialization'. (custom "
                        + "materializations are not supported yet; use view, table, incremental or ephemeral)");
    }

    @Test
    void anErrorInAGenericTestsMacroNamesThePropertyFileAndTheMacroLine() throws Exception {
        write("macros/tests.sql", "{% test positive(model, column_name) %}\nselect * from {{ model }}\n"
                + "where {{ column_name.no_such.deeper }} <= 0{% endtest %}\n");
        write("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: order_id
                        tests: [positive]
                """);
        assertThat(compileFails().getMessage()).contains("models/schema.yml: in macro test_positive (macros/tests.sql "
                + "line 3): 'str object' has no attribute 'no_such'");
    }
}

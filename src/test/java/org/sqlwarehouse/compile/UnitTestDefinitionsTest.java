package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
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
import org.sqlwarehouse.project.UnitTestInput;
import org.sqlwarehouse.project.UnitTestRows;
import org.sqlwarehouse.project.UnitTestSpec;
import org.sqlwarehouse.testing.DbtSchemas;
import org.sqlwarehouse.testing.ProjectFiles;

/** unit_tests: read as dbt 1.8 reads them, checked at compile time, listed in manifest.json. */
class UnitTestDefinitionsTest {
    @TempDir
    Path project;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", "name: shop\n");
        write("seeds/regions.csv", "region,label\neu,Europe\n");
        write("models/orders.sql", "select * from {{ ref('regions') }}");
        write("models/sources.yml", "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: payments\n");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(project, relative, content);
    }

    private CompiledProject compile() throws Exception {
        DbtProject loaded = ProjectLoader.load(project, "fallback");
        return new ProjectCompiler().compile(loaded, new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of()));
    }

    @Test
    void inputsRowsAndOverridesAreReadAsDbtReadsThem() throws Exception {
        write("tests/fixtures/nested/expected.csv", "region,label\neu,\n");
        write("models/unit.yml", """
                version: 2
                unit_tests:
                  - name: all_formats
                    model: orders
                    description: reads every format
                    config: {tags: [fast]}
                    overrides:
                      macros: {is_incremental: true}
                      vars: {limit: 3}
                      env_vars: {REGION: eu}
                    given:
                      - input: ref("regions")
                        format: csv
                        rows: |
                          region,label
                          eu,
                      - input: source('raw', 'payments')
                        format: sql
                        rows: select 1 as id
                      - input: this
                        rows: [{region: us}]
                    expect:
                      format: csv
                      fixture: expected
                """);
        DbtProject loaded = ProjectLoader.load(project, "fallback");
        assertThat(loaded.warnings()).noneMatch(w -> w.contains("unit_tests"));
        UnitTestSpec spec = loaded.unitTests().get(0);
        assertThat(spec.given()).extracting(UnitTestInput::kind, UnitTestInput::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(UnitTestInput.Kind.REF, "regions"),
                org.assertj.core.groups.Tuple.tuple(UnitTestInput.Kind.SOURCE, "raw.payments"),
                org.assertj.core.groups.Tuple.tuple(UnitTestInput.Kind.THIS, "this"));
        // an empty CSV cell is null, as in dbt 1.8
        assertThat(spec.given().get(0).rows().rows()).containsExactly(nullLabel("eu"));
        assertThat(spec.given().get(1).rows().format()).isEqualTo(UnitTestRows.Format.SQL);
        assertThat(spec.expect().rows()).containsExactly(nullLabel("eu"));
        assertThat(spec.overrides().envVars()).containsEntry("REGION", "eu");
        assertThat(spec.tags()).containsExactly("fast");

        CompiledProject compiled = compile();
        assertThat(compiled.unitTests()).extracting(CompiledUnitTest::uniqueId)
                .containsExactly("unit_test.shop.orders.all_formats");
    }

    private static Map<String, Object> nullLabel(String region) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("region", region);
        row.put("label", null);
        return row;
    }

    @Test
    void mistakesInTheYamlNameTheFileAndTheTest() throws Exception {
        write("models/unit.yml", """
                unit_tests:
                  - name: bad_input
                    model: orders
                    given:
                      - input: orders
                        rows: []
                    expect: {rows: []}
                """);
        assertThat(catchThrowable(() -> ProjectLoader.load(project, "x"))).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("models/unit.yml: unit test 'bad_input': input 'orders' is not a ref(), a source()"
                        + " or this");
        write("models/unit.yml", "unit_tests:\n  - name: no_expect\n    model: orders\n");
        assertThat(catchThrowable(() -> ProjectLoader.load(project, "x"))).hasMessageContaining("has no 'expect:' rows");
        write("models/unit.yml", "unit_tests:\n  - name: missing\n    model: orders\n    expect:\n      format: csv\n"
                + "      fixture: nowhere\n");
        assertThat(catchThrowable(() -> ProjectLoader.load(project, "x")))
                .hasMessageContaining("fixture file nowhere.csv not found under tests/fixtures/");
        write("models/unit.yml", "unit_tests:\n  - {name: twice, model: orders, expect: {rows: []}}\n"
                + "  - {name: twice, model: orders, expect: {rows: []}}\n");
        assertThat(catchThrowable(() -> ProjectLoader.load(project, "x")))
                .hasMessageContaining("unit test 'twice' of model 'orders' is also defined in models/unit.yml");
    }

    @Test
    void anUnknownModelOrInputFailsTheCompileAndADisabledTestIsLeftOut() throws Exception {
        write("models/unit.yml", """
                unit_tests:
                  - {name: on_typo, model: ordres, expect: {rows: []}}
                  - name: unknown_input
                    model: orders
                    given: [{input: "ref('region')", rows: []}, {input: "source('raw', 'refunds')", rows: []}]
                    expect: {rows: []}
                  - {name: switched_off, model: ordres, config: {enabled: false}, expect: {rows: []}}
                """);
        Throwable failed = catchThrowable(this::compile);
        assertThat(failed).isInstanceOf(CompileException.class)
                .hasMessageContaining("unit test 'on_typo' tests model 'ordres', which is not a model of this project;"
                        + " did you mean 'orders'?")
                .hasMessageContaining("input ref('region') is not a model, seed or snapshot of this project; did you"
                        + " mean 'regions'?")
                .hasMessageContaining("input source('raw', 'refunds') is not a declared source")
                .hasMessageNotContaining("switched_off");
    }

    @Test
    void theManifestListsUnitTestsValidAgainstDbtsSchema() throws Exception {
        DbtSchemas.assumeAvailable();
        write("models/unit.yml", """
                version: 2
                unit_tests:
                  - name: labels
                    model: orders
                    given: [{input: "ref('regions')", rows: [{region: eu, label: E}]}]
                    expect: {rows: [{region: eu, label: E}]}
                """);
        DbtProject loaded = ProjectLoader.load(project, "fallback");
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of());
        Path out = project.resolve("target/warehouse");
        new CompiledArtifacts(out, project).write(new ProjectCompiler().compile(loaded, settings), loaded, settings);
        assertThat(DbtSchemas.violations(out.resolve("manifest.json"), DbtSchemas.MANIFEST)).isEmpty();
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"unit_test.shop.orders.labels\"",
                "\"input\":\"ref('regions')\"");
    }
}

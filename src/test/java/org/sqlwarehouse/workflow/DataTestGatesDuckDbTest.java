package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * As in dbt build, a failing data test skips the models that read the tested model; a test of
 * severity warn does not. Checked in the database: what was skipped was not built.
 */
class DataTestGatesDuckDbTest {
    private static final String FAILING = "          - accepted_values:\n              values: ['nope']\n";

    @TempDir
    Path tmp;

    private Path file;

    private List<NodeResult> build(Path project) throws Exception {
        file = tmp.resolve("gates.duckdb");
        TargetDefinition target = TargetDefinition.builder("staging").type("duckdb").path(file.toString())
                .schema("main_gates").protectedFlag(false).threads(2).origin("test").build();
        return new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target, BuildLog.SILENT, 30, "1.0"))
                .build();
    }

    private static Map<String, NodeResult> byId(List<NodeResult> results) {
        Map<String, NodeResult> out = new LinkedHashMap<>();
        results.forEach(r -> out.put(r.uniqueId(), r));
        return out;
    }

    @Test
    void aFailingTestSkipsTheModelsThatReadTheTestedModel() throws Exception {
        Path project = SafetyFixture.writeProject(tmp.resolve("project"), 1);
        SafetyFixture.write(project, "models/schema.yml", SafetyFixture.schemaYml(FAILING));

        BuildFailedException failure = catchThrowableOfType(BuildFailedException.class, () -> build(project));

        Map<String, NodeResult> results = byId(failure.results());
        assertThat(results.get("model.safety.stg").status().name()).isEqualTo("SUCCESS");
        assertThat(results.get("model.safety.totals").status().name()).isEqualTo("SKIPPED");
        assertThat(results.get("model.safety.totals").message())
                .isEqualTo("skipped: upstream test accepted_values_stg_ver__nope failed");
        assertThat(results.get("model.safety.report").status().name()).isEqualTo("SKIPPED");
        assertThat(results.get("model.safety.other").status().name()).isEqualTo("SUCCESS");
        // the tested model's other tests still run
        assertThat(results.values()).filteredOn(r -> r.uniqueId().startsWith("test.safety.unique_stg_id"))
                .singleElement().satisfies(r -> assertThat(r.status().name()).isEqualTo("PASS"));
        try (TestDatabase db = TestDatabase.duckdb(file.toFile())) {
            assertThat(db.relations("main_gates").keySet()).containsExactlyInAnyOrder("base", "stg", "other");
        }
    }

    @Test
    void aTestOfSeverityWarnSkipsNothing() throws Exception {
        Path project = SafetyFixture.writeProject(tmp.resolve("project"), 1);
        SafetyFixture.write(project, "models/schema.yml", SafetyFixture.schemaYml(FAILING
                + "              config:\n                severity: warn\n"));

        Map<String, NodeResult> results = byId(build(project));

        assertThat(results.values()).noneMatch(r -> r.status().name().equals("SKIPPED"));
        try (TestDatabase db = TestDatabase.duckdb(file.toFile())) {
            assertThat(db.relations("main_gates").keySet())
                    .containsExactlyInAnyOrder("base", "stg", "totals", "report", "other");
        }
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The same build at one thread (run on the calling thread) and at several (run by workers): the
 * same relations and rows in the database, a failed model's dependents skipped, independent models
 * built.
 */
class BuildThreadsDuckDbTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "threads {0}")
    @ValueSource(ints = {1, 2, 4})
    void aBuildGivesTheSameRelationsAndResultsAtAnyThreadCount(int threads) throws Exception {
        Path project = SafetyFixture.writeProject(tmp.resolve("project"), 1);
        SafetyFixture.write(project, "models/broken.sql", "select * from no_such_table\n");
        SafetyFixture.write(project, "models/after_broken.sql", "select * from {{ ref('broken') }}\n");
        Path file = tmp.resolve("threads.duckdb");
        TargetDefinition target = TargetDefinition.builder("staging").type("duckdb").path(file.toString())
                .schema("main_threads").protectedFlag(false).threads(threads).origin("test").build();

        BuildFailedException failure = catchThrowableOfType(BuildFailedException.class, () -> new Warehouse(
                SafetyFixture.request(project, tmp.resolve("out"), target, BuildLog.SILENT, 30, "1.0")).build());

        Map<String, String> statuses = new LinkedHashMap<>();
        for (NodeResult r : failure.results()) {
            statuses.put(r.uniqueId(), r.status().name());
        }
        assertThat(statuses).containsEntry("model.safety.broken", "ERROR")
                .containsEntry("model.safety.after_broken", "SKIPPED")
                .containsEntry("model.safety.totals", "SUCCESS").containsEntry("model.safety.other", "SUCCESS");
        assertThat(statuses.values()).filteredOn(s -> !s.equals("ERROR") && !s.equals("SKIPPED"))
                .hasSize(statuses.size() - 2);
        try (TestDatabase db = TestDatabase.duckdb(file.toFile())) {
            assertThat(db.relations("main_threads").keySet())
                    .containsExactlyInAnyOrder("base", "stg", "totals", "report", "other");
            assertThat(db.value("select total from main_threads.totals")).hasToString("150");
            assertThat(db.value("select ver from main_threads.report")).isEqualTo("v1");
        }
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.testing.ScratchSchema;
import org.sqlwarehouse.testing.TestDatabase;

/** A model the server rejects reports the server's own words and its SQLState. */
class FailureReportingPostgresTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedModelNamesTheServersErrorAndItsSqlState() throws Exception {
        try (ScratchSchema schema = ScratchSchema.create("wh_fail")) {
            Path project = tmp.resolve("project");
            SafetyFixture.write(project, "dbt_project.yml", "name: failing\n");
            SafetyFixture.write(project, "models/broken.sql", "select * from no_such_table_anywhere\n");
            TargetDefinition target = TargetDefinition.builder("staging").type("postgres").host(TestDatabase.pgHost())
                    .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                    .schema(schema.name()).protectedFlag(false).origin("test").build();

            BuildFailedException failure = catchThrowableOfType(BuildFailedException.class, () -> new Warehouse(
                    SafetyFixture.request(project, tmp.resolve("out"), target, BuildLog.SILENT, 30, "1")).build());

            assertThat(failure).isNotNull();
            assertThat(failure.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
                assertThat(r.message()).contains("no_such_table_anywhere").contains("[SQLState 42P01]");
            });
        }
    }
}

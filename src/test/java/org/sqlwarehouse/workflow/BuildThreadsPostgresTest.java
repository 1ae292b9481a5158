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
import org.sqlwarehouse.testing.PostgresConnections;
import org.sqlwarehouse.testing.ScratchSchema;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * Independent models really run at the same time at threads 2: two models that can only finish
 * when the other one is running beside them (a rendezvous over advisory locks, seen in pg_locks)
 * both build; at threads 1 the first one waits in vain and fails, so the test can tell.
 */
class BuildThreadsPostgresTest {
    /** First key of the test's advisory locks, apart from the plugin's own ("WH"). */
    private static final int LOCK_SPACE = 0x5054;

    @TempDir
    Path tmp;

    @Test
    void twoIndependentModelsRunSideBySideAtTwoThreads() throws Exception {
        try (ScratchSchema schema = ScratchSchema.create("wh_par")) {
            Path project = rendezvousProject(schema.name());
            new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target(schema.name(), 2),
                    BuildLog.SILENT, 30, "1.0")).build();

            try (TestDatabase db = TestDatabase.postgres()) {
                assertThat(db.value("select seen from " + schema.name() + ".left_side")).hasToString("2");
                assertThat(db.value("select seen from " + schema.name() + ".right_side")).hasToString("1");
            }
        }
    }

    @Test
    void atOneThreadTheRendezvousFailsSoTheOtherTestCanTell() throws Exception {
        try (ScratchSchema schema = ScratchSchema.create("wh_par")) {
            Path project = rendezvousProject(schema.name());
            BuildFailedException failure = catchThrowableOfType(BuildFailedException.class,
                    () -> new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target(schema.name(), 1),
                            BuildLog.SILENT, 30, "1.0")).build());

            assertThat(failure).isNotNull();
            assertThat(failure.results()).anySatisfy(r -> {
                assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
                assertThat(r.message()).contains("ran alone");
            });
        }
    }

    private static TargetDefinition target(String schema, int threads) {
        return TargetDefinition.builder("staging").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(threads).protectedFlag(false).origin("test").build();
    }

    /**
     * Two table models, each calling rendezvous(mine, other): it takes its own session lock, then
     * waits up to 3 s for the other's to show in pg_locks. The locks go with the pool's sessions.
     */
    private Path rendezvousProject(String schema) throws Exception {
        try (var c = PostgresConnections.open()) {
            PostgresConnections.execute(c, "create function \"" + schema + "\".rendezvous(mine int, other int)"
                    + " returns int language plpgsql as $$ declare waited int := 0; begin"
                    + " perform pg_advisory_lock(" + LOCK_SPACE + ", mine);"
                    + " while not exists (select 1 from pg_locks where locktype = 'advisory' and granted"
                    + "   and classid = " + LOCK_SPACE + " and objid = other and objsubid = 2) loop"
                    + "   if waited >= 30 then"
                    + "     perform pg_advisory_unlock(" + LOCK_SPACE + ", mine);"
                    + "     raise exception 'model % ran alone: model % never ran beside it', mine, other;"
                    + "   end if;"
                    + "   perform pg_sleep(0.1); waited := waited + 1;"
                    + " end loop; return other; end $$");
        }
        Path project = tmp.resolve("project");
        SafetyFixture.write(project, "dbt_project.yml", "name: parallel\n");
        SafetyFixture.write(project, "models/left_side.sql", "{{ config(materialized='table') }}\nselect \""
                + schema + "\".rendezvous(1, 2) as seen\n");
        SafetyFixture.write(project, "models/right_side.sql", "{{ config(materialized='table') }}\nselect \""
                + schema + "\".rendezvous(2, 1) as seen\n");
        return project;
    }
}

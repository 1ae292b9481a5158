package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * A DuckDB file held by another process: the build waits for it up to the lock timeout (the
 * dialect tells the failure from DuckDB's error type, not the workflow from the message), then
 * fails naming that process; once it is gone the build goes through.
 */
class DatabaseFileInUseDuckDbTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void aBuildWaitsForTheFileThenFailsNamingTheProcessThatHoldsIt() throws Exception {
        Path file = tmp.resolve("held.duckdb");
        Path project = SafetyFixture.writeProject(tmp.resolve("project"), 1);
        TargetDefinition target = TargetDefinition.builder("dev").type("duckdb").path(file.toString())
                .schema("whl_held").threads(1).protectedFlag(false).origin("test").build();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDuckDbFile.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding");
            SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target, log, 3,
                    "1.0")).build()).isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("is held by another process; waited 3 s")
                    .hasMessageContaining("(PID " + holder.pid() + ")");
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(2900);
            assertThat(log.lines()).anyMatch(l -> l.contains("Waiting for another process to release the database"
                    + " file of target 'dev'"));
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }

        new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target, new SafetyFixture.RecordingLog(), 5,
                "1.0")).build();
        try (TestDatabase db = TestDatabase.duckdb(file.toFile())) {
            assertThat(db.value("select count(*) from whl_held.base").toString()).isEqualTo("5");
        }
    }
}

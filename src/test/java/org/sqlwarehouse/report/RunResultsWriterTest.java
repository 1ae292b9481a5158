package org.sqlwarehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.testing.DbtSchemas;

/** run_results.json in dbt's run-results v6 shape, for every way a node can end and for a run of none. */
class RunResultsWriterTest {
    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00.123456789Z");

    @TempDir
    Path out;

    private static NodeResult model(String name, NodeStatus status, String message) {
        return new NodeResult("model.shop." + name, "model", status, 0.25, "dbt_alice." + name, "dbt_alice." + name,
                "table", message, "models/" + name + ".sql", "target/warehouse/compiled/shop/models/" + name + ".sql",
                "\"dbt_alice\".\"" + name + "\"", "select 1 as id", null,
                new NodeResult.Execution("warehouse-worker-1", T0, T0.plusMillis(250)));
    }

    private static NodeResult test(String name, NodeStatus status, int failures) {
        return new NodeResult("test.shop." + name, "test", status, 0.01, null, name, "test",
                failures == 0 ? null : "Got " + failures + " failing rows", "models/schema.yml", null, null,
                "select * from x where id is null", failures, new NodeResult.Execution("main", T0, T0));
    }

    private JsonNode write(List<NodeResult> results) throws Exception {
        Path file = out.resolve("run_results.json");
        RunResultsWriter.write(file, new ArtifactMetadata("inv-1", T0, "dev"), 1.5, results);
        DbtSchemas.assumeAvailable();
        assertThat(DbtSchemas.violations(file, DbtSchemas.RUN_RESULTS)).isEmpty();
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void everyStatusIsOneOfDbtsAndTheFileValidates() throws Exception {
        JsonNode json = write(List.of(model("built", NodeStatus.SUCCESS, "CREATE TABLE"),
                model("broken", NodeStatus.ERROR, "Binder Error: no_such_column"),
                new NodeResult("model.shop.after", "model", NodeStatus.SKIPPED, 0, "dbt_alice.after", "dbt_alice.after",
                        "view", "skipped: upstream model dbt_alice.broken failed", "models/after.sql", null,
                        "\"dbt_alice\".\"after\"", "select 2", null, NodeResult.Execution.none()),
                model("same", NodeStatus.UNCHANGED, "unchanged"),
                test("passes", NodeStatus.PASS, 0), test("fails", NodeStatus.FAIL, 3), test("warns", NodeStatus.WARN, 1)));

        assertThat(json.get("results")).extracting(r -> r.get("status").asText())
                .containsExactly("success", "error", "skipped", "success", "pass", "fail", "warn");
        assertThat(json.at("/metadata/dbt_schema_version").asText()).isEqualTo(RunResultsWriter.SCHEMA_VERSION);
        assertThat(json.at("/metadata/invocation_started_at").asText()).isEqualTo("2026-01-31T12:00:00.123456Z");
        assertThat(json.at("/metadata/env/target_name").asText()).isEqualTo("dev");
        assertThat(json.get("elapsed_time").asDouble()).isEqualTo(1.5);
    }

    @Test
    void aNodeLeftAloneIsASuccessWhoseMessageSaysUnchanged() throws Exception {
        JsonNode json = write(List.of(model("same", NodeStatus.UNCHANGED, null),
                model("kept", NodeStatus.UNCHANGED, "the live relation stays")));

        assertThat(json.at("/results/0/status").asText()).isEqualTo("success");
        assertThat(json.at("/results/0/message").asText()).isEqualTo("unchanged");
        assertThat(json.at("/results/1/message").asText()).isEqualTo("unchanged: the live relation stays");
        // the database was not asked anything
        assertThat(json.at("/results/0/adapter_response")).isEmpty();
    }

    @Test
    void theDatabasesAnswerGoesIntoAdapterResponse() throws Exception {
        JsonNode json = write(List.of(model("seeded", NodeStatus.SUCCESS, "INSERT 5"),
                model("view", NodeStatus.SUCCESS, "CREATE VIEW")));

        assertThat(json.at("/results/0/adapter_response/_message").asText()).isEqualTo("INSERT 5");
        assertThat(json.at("/results/0/adapter_response/code").asText()).isEqualTo("INSERT");
        assertThat(json.at("/results/0/adapter_response/rows_affected").asLong()).isEqualTo(5);
        assertThat(json.at("/results/1/adapter_response/code").asText()).isEqualTo("CREATE VIEW");
        assertThat(json.at("/results/0/relation_name").asText()).isEqualTo("\"dbt_alice\".\"seeded\"");
        assertThat(json.at("/results/0/thread_id").asText()).isEqualTo("warehouse-worker-1");
        assertThat(json.at("/results/0/timing/0/name").asText()).isEqualTo("execute");
    }

    @Test
    void aTestReportsItsFailingRows() throws Exception {
        JsonNode json = write(List.of(test("fails", NodeStatus.FAIL, 3), test("passes", NodeStatus.PASS, 0)));

        assertThat(json.at("/results/0/failures").asInt()).isEqualTo(3);
        assertThat(json.at("/results/1/failures").asInt()).isZero();
        assertThat(json.at("/results/0/relation_name").isNull()).isTrue();
    }

    @Test
    void aRunOfNothingIsWrittenAndValid() throws Exception {
        JsonNode json = write(List.of());

        assertThat(json.get("results")).isEmpty();
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.DbtSchemas;

/**
 * manifest.json and run_results.json of a dev build on DuckDB validate against dbt's published
 * schemas, so that dbt tooling reads them: after a first build that builds every kind of node,
 * after a second that leaves them all unchanged, and after a run that selects nothing.
 */
class DbtArtifactsDuckDbTest {
    @TempDir
    Path tmp;

    private WarehouseRequest request(Path project, String select) {
        TargetDefinition target = TargetDefinition.builder("dev").type("duckdb")
                .path(tmp.resolve("artifacts.duckdb").toString()).schema("main_artifacts").threads(2)
                .origin("test").build();
        return WarehouseRequest.builder().projectDirectory(project).fallbackName(ArtifactsFixture.PROJECT)
                .outputDirectory(tmp.resolve("out")).declaredTargets(List.of(target)).explicitTarget("dev")
                .explicitUser("tester").systemUserName("tester").userHome(project.resolve("no-home"))
                .lockTimeoutSeconds(30).projectVersion("1.0").select(select).log(BuildLog.SILENT).build();
    }

    @Test
    void aBuildsArtifactsValidateAgainstDbtsSchemas() throws Exception {
        DbtSchemas.assumeAvailable();
        Path project = ArtifactsFixture.write(tmp.resolve("project"), "raw_shop");
        Path out = tmp.resolve("out");

        new Warehouse(request(project, null)).build();

        ArtifactsFixture.assertValid(out.resolve("manifest.json"), DbtSchemas.MANIFEST);
        ArtifactsFixture.assertValid(out.resolve("run_results.json"), DbtSchemas.RUN_RESULTS);
        Map<String, JsonNode> results = ArtifactsFixture.results(out);
        assertThat(results.get("model.shop.customer_orders").get("status").asText()).isEqualTo("success");
        assertThat(results.get("model.shop.customer_orders").get("relation_name").asText())
                .isEqualTo("\"artifacts\".\"main_artifacts\".\"customer_orders\"");
        assertThat(results.get("seed.shop.customers").get("status").asText()).isEqualTo("success");
        assertThat(results).containsKey("test.shop.assert_amounts_positive");
        assertThat(results.values()).filteredOn(r -> r.get("unique_id").asText().startsWith("test.shop.accepted_values"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("status").asText()).isEqualTo("warn");
                    assertThat(r.get("failures").asInt()).isEqualTo(1);
                });
        JsonNode manifest = ArtifactsFixture.read(out.resolve("manifest.json"));
        assertThat(manifest.get("sources").has("source.shop.raw.orders")).isTrue();
        assertThat(manifest.get("macros").has("macro.shop.cents_to_dollars")).isTrue();
        // as dbt gives it: relative to the model folder; the project-relative one is original_file_path
        assertThat(manifest.at("/nodes/model.shop.stg_orders/path").asText()).isEqualTo("staging/stg_orders.sql");
        assertThat(manifest.at("/nodes/seed.shop.customers/path").asText()).isEqualTo("customers.csv");
        assertThat(manifest.get("macros").has("macro.shop.test_is_positive")).isTrue();
        assertThat(manifest.get("nodes").get("model.shop.stg_orders").get("depends_on").get("nodes").get(0).asText())
                .isEqualTo("source.shop.raw.orders");

        new Warehouse(request(project, null)).build();

        ArtifactsFixture.assertValid(out.resolve("run_results.json"), DbtSchemas.RUN_RESULTS);
        JsonNode unchanged = ArtifactsFixture.results(out).get("model.shop.customer_orders");
        // left alone: dbt knows no status "unchanged", so success, and the message says why
        assertThat(unchanged.get("status").asText()).isEqualTo("success");
        assertThat(unchanged.get("message").asText()).startsWith("unchanged");
    }

    @Test
    void aRunThatSelectsNothingStillWritesRunResults() throws Exception {
        DbtSchemas.assumeAvailable();
        Path project = ArtifactsFixture.write(tmp.resolve("project"), "raw_shop");
        Path out = tmp.resolve("out");

        new Warehouse(request(project, "tag:no_such_tag")).build();

        ArtifactsFixture.assertValid(out.resolve("run_results.json"), DbtSchemas.RUN_RESULTS);
        assertThat(ArtifactsFixture.read(out.resolve("run_results.json")).get("results")).isEmpty();
    }
}

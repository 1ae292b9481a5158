package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.DbtSchemas;
import org.sqlwarehouse.testing.PostgresConnections;
import org.sqlwarehouse.testing.ProjectFiles;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * run_results.json of deploys to a protected PostgreSQL target validates against dbt's schema:
 * a first deploy that builds a candidate and promotes it, a second that finds every relation
 * unchanged, a verify with nothing to stage, and a verify and deploy of one changed model.
 */
class DbtArtifactsPostgresTest {
    @TempDir
    Path tmp;

    private String schema;

    @BeforeEach
    void schema() {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        DbtSchemas.assumeAvailable();
        schema = PostgresConnections.schemaName("wha_artifacts");
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        if (schema == null) {
            return;
        }
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("drop schema if exists \"" + schema + "\" cascade");
            db.execute("drop schema if exists \"" + schema + "_raw\" cascade");
        }
    }

    private Warehouse warehouse(Path project) {
        return new Warehouse(SafetyFixture.request(project, tmp.resolve("out"),
                SafetyFixture.postgresTarget(schema, null), BuildLog.SILENT, 30, "1.0"));
    }

    private Map<String, JsonNode> validResults() throws Exception {
        ArtifactsFixture.assertValid(tmp.resolve("out/run_results.json"), DbtSchemas.RUN_RESULTS);
        return ArtifactsFixture.results(tmp.resolve("out"));
    }

    @Test
    void deploysWriteRunResultsThatValidateAgainstDbtsSchema() throws Exception {
        Path project = ArtifactsFixture.write(tmp.resolve("project"), schema + "_raw");

        warehouse(project).deploy();

        ArtifactsFixture.assertValid(tmp.resolve("out/manifest.json"), DbtSchemas.MANIFEST);
        Map<String, JsonNode> first = validResults();
        // the promoted candidate is reported under its live name
        assertThat(first.get("model.shop.customer_orders").get("relation_name").asText())
                .isEqualTo("\"" + schema + "\".\"customer_orders\"");
        assertThat(first.get("model.shop.customer_orders").get("status").asText()).isEqualTo("success");

        warehouse(project).deploy();

        Map<String, JsonNode> second = validResults();
        assertThat(second.get("model.shop.customer_orders").get("status").asText()).isEqualTo("success");
        assertThat(second.get("model.shop.customer_orders").get("message").asText()).startsWith("unchanged");
        assertThat(second.get("seed.shop.customers").get("message").asText()).startsWith("unchanged");

        // a verify with nothing to stage writes its run_results too, rather than leaving the last deploy's
        warehouse(project).build();

        assertThat(validResults().get("model.shop.stg_customers").get("message").asText()).startsWith("unchanged");

        ProjectFiles.write(project, "models/staging/stg_customers.sql",
                "select customer_id, upper(name) as name from {{ ref('customers') }}\n");
        warehouse(project).build();

        Map<String, JsonNode> staged = validResults();
        assertThat(staged.get("model.shop.stg_customers").get("message").asText()).isEqualTo("CREATE VIEW");
        assertThat(staged).as(staged.toString()).containsKey("model.shop.stg_orders");
        assertThat(staged.get("model.shop.stg_orders").get("message").asText()).startsWith("unchanged");

        warehouse(project).deploy();

        assertThat(validResults().get("model.shop.stg_customers").get("relation_name").asText())
                .isEqualTo("\"" + schema + "\".\"stg_customers\"");
    }
}

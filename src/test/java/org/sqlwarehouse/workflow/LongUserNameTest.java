package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * A user name far beyond 63 bytes, on a project with a custom schema and two long model names that
 * Java's String.hashCode cannot tell apart: the build succeeds, twice (the second replaces every
 * table through its temporary relation, two models at once), and every schema it made fits 63
 * bytes, the sibling shortened with a hash of its full name.
 */
class LongUserNameTest {
    @TempDir
    Path tmp;

    private final String token = "whn" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @AfterEach
    void dropSchemas() throws Exception {
        DevFixture.dropPostgresSchemas("dbt_" + token);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "postgres"})
    void aLongUserBuildsIntoSchemasThatFitAndRebuilds(String type) throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        // "Aa" and "BB" hash alike in Java: the two names' temporary relations used to be one
        String first = "orders_by_customer_and_region_and_channel_and_week_total_Aa";
        String second = "orders_by_customer_and_region_and_channel_and_week_total_BB";
        ProjectFiles.write(project, "models/marketing/" + first + ".sql", "select 1 as v\n");
        ProjectFiles.write(project, "models/marketing/" + second + ".sql", "select 2 as v\n");
        String user = token + "_" + "x".repeat(80);
        TargetDefinition target = DevFixture.devTarget(type, tmp);

        new Warehouse(DevFixture.request(project, target, user, "dbt_", BuildLog.SILENT)).build();
        ProjectFiles.write(project, "models/marketing/" + first + ".sql", "select 10 as v\n");
        ProjectFiles.write(project, "models/marketing/" + second + ".sql", "select 20 as v\n");
        ProjectFiles.write(project, "models/marketing/campaigns.sql", "select id, 2 as run from {{ ref('base') }}\n");
        new Warehouse(DevFixture.request(project, target, user, "dbt_", BuildLog.SILENT)).build();

        try (TestDatabase db = DevFixture.open(type, tmp)) {
            List<String> schemas = DevFixture.schemas(db, "dbt_" + token);
            String base = ("dbt_" + user).substring(0, 63);
            assertThat(schemas).hasSize(2).contains(base);
            String sibling = schemas.get(0).equals(base) ? schemas.get(1) : schemas.get(0);
            assertThat(sibling.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(sibling).matches("dbt_" + token + "_x+_[0-9a-f]{8}");
            assertThat(db.relations(base)).containsOnlyKeys("base");
            assertThat(db.relations(sibling)).containsOnlyKeys("campaigns", first, second);
            String q = "\"" + sibling + "\".";
            assertThat(db.value("select run from " + q + "campaigns")).hasToString("2");
            assertThat(db.value("select v from " + q + "\"" + first + "\"")).hasToString("10");
            assertThat(db.value("select v from " + q + "\"" + second + "\"")).hasToString("20");
        }
    }
}

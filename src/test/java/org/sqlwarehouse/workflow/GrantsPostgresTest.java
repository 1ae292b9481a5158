package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * dbt's grants config on PostgreSQL: every relation the build makes (a seed, a table, a view, an
 * incremental table) gives its privileges before it takes its name, in place and through a deploy's
 * candidates and promotion, so that the reading role keeps its access.
 */
class GrantsPostgresTest {
    @TempDir
    Path tmp;

    private String schema;
    private String reader;
    private TestDatabase db;

    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schema = "whl_grants_" + suffix;
        reader = "whl_Reader_" + suffix;
        db = TestDatabase.postgres();
        db.execute("create role \"" + reader + "\"");
    }

    @AfterEach
    void dropAll() throws SQLException {
        if (db != null) {
            try {
                db.execute("drop schema if exists \"" + schema + "\" cascade");
                db.execute("drop role if exists \"" + reader + "\"");
            } finally {
                db.close();
            }
        }
    }

    private Path writeProject(int version) throws Exception {
        Path dir = tmp.resolve("granted");
        SafetyFixture.write(dir, "dbt_project.yml", "name: granted\nmodels:\n  granted:\n    +grants:\n"
                + "      select: ['" + reader + "']\nseeds:\n  granted:\n    +grants: {select: ['" + reader + "']}\n");
        SafetyFixture.write(dir, "seeds/base.csv", "id\n1\n2\n");
        SafetyFixture.write(dir, "models/totals.sql", "{{ config(materialized='table') }}\n"
                + "select count(*) + " + version + " as n from {{ ref('base') }}\n");
        SafetyFixture.write(dir, "models/ids.sql", "select id, " + version + " as v from {{ ref('base') }}\n");
        SafetyFixture.write(dir, "models/growing.sql", "{{ config(materialized='incremental') }}\n"
                + "select id from {{ ref('base') }}"
                + "{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}\n");
        return dir;
    }

    private Warehouse warehouse(Path project, boolean isProtected) {
        TargetDefinition target = TargetDefinition.builder(isProtected ? "prod" : "staging").type("postgres")
                .host(TestDatabase.pgHost()).port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase())
                .user(TestDatabase.pgUser()).schema(schema).threads(2).protectedFlag(isProtected).origin("test")
                .build();
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("granted")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("granter").systemUserName("granter")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(new SafetyFixture.RecordingLog()).build());
    }

    private boolean canSelect(String relation) throws SQLException {
        return (Boolean) db.value("select has_table_privilege('" + reader + "', '\"" + schema + "\".\"" + relation
                + "\"', 'select')");
    }

    private void assertGranted() throws SQLException {
        for (String relation : List.of("base", "totals", "ids", "growing")) {
            assertThat(canSelect(relation)).as(relation).isTrue();
        }
    }

    @Test
    void aBuildInPlaceGrantsOnCreateAndOnEveryReplace() throws Exception {
        warehouse(writeProject(1), false).build();
        assertGranted();
        // replaced: the table through a swap, the view redefined, the seed reloaded
        Path changed = writeProject(2);
        SafetyFixture.write(changed, "seeds/base.csv", "id\n1\n2\n3\n");
        warehouse(changed, false).build();
        assertGranted();
        assertThat(db.value("select n from \"" + schema + "\".totals")).isEqualTo(5L);
    }

    @Test
    void aDeployPromotesRelationsThatAlreadyHaveTheirGrants() throws Exception {
        warehouse(writeProject(1), true).deploy();
        assertGranted();
        warehouse(writeProject(2), true).deploy();
        assertGranted();
        assertThat(db.value("select v from \"" + schema + "\".ids limit 1")).isEqualTo(2);
    }
}

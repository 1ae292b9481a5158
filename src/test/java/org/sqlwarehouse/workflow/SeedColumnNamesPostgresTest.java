package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * PostgreSQL cuts identifiers to 63 bytes without a word: a seed column name longer than that
 * fails the build naming the column, before a table is created, instead of loading under another
 * name or colliding with a neighbour.
 */
class SeedColumnNamesPostgresTest {
    private static final String LONG = "customer_lifetime_value_in_euros_after_returns_and_discounts_q1";

    @TempDir
    Path tmp;

    private final String schema = "wh_hostile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @AfterEach
    void dropSchema() throws Exception {
        if (TestDatabase.postgresEnabled()) {
            try (TestDatabase db = TestDatabase.postgres()) {
                db.execute("drop schema if exists \"" + schema + "\" cascade");
            }
        }
    }

    private final SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();

    /** The build's failure, with the log it wrote (where each failed node's error is). */
    private String buildFailure(String header) throws Exception {
        assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not running here");
        Path project = tmp.resolve("project");
        SafetyFixture.write(project, "dbt_project.yml", "name: shop\n");
        SafetyFixture.write(project, "seeds/metrics.csv", header + "\n1,2\n");
        TargetDefinition target = TargetDefinition.builder("dev").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(1).origin("test").build();
        Warehouse warehouse = new Warehouse(SafetyFixture.request(project, tmp.resolve("out"), target,
                log, 10, "1"));
        WarehouseException e = catchThrowableOfType(WarehouseException.class, warehouse::build);
        assertThat(e).as("the build fails").isNotNull();
        return e.describe() + "\n" + log;
    }

    @Test
    void twoLongNamesThatWouldCollideFailNamingTheColumn() throws Exception {
        String failure = buildFailure(LONG + "_gross," + LONG + "_net");

        assertThat(failure).contains("seeds/metrics.csv").contains("\"" + LONG + "_gross\"")
                .contains("63 bytes");
        try (TestDatabase db = TestDatabase.postgres()) {
            assertThat(db.rows("select 1 from information_schema.tables where table_schema = '" + schema
                    + "' and table_name = 'metrics'")).isEmpty();
        }
    }

    @Test
    void oneLongNameFailsRatherThanLoadingUnderAShorterName() throws Exception {
        String failure = buildFailure("id," + LONG + "_gross");

        assertThat(failure).contains("\"" + LONG + "_gross\" (column 2)").contains("Shorten");
    }
}

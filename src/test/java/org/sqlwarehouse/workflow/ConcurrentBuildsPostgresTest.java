package org.sqlwarehouse.workflow;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** Two in-place builds into one PostgreSQL schema at once; the waiting is observed in pg_locks. */
class ConcurrentBuildsPostgresTest extends ConcurrentBuildsContract {
    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        schema = "whl_builds_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        db = TestDatabase.postgres();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (db != null) {
            try {
                db.execute("drop schema if exists \"" + schema + "\" cascade");
            } finally {
                db.close();
            }
        }
    }

    @Override
    protected TargetDefinition inPlaceTarget() {
        return TargetDefinition.builder("staging").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(2).protectedFlag(false).origin("test")
                .properties(Map.of("ApplicationName", "wh-builds-" + schema)).build();
    }

    @Override
    protected int lockWaiters() throws Exception {
        return DeploySafetyPostgresTest.lockWaiters(db, schema);
    }
}

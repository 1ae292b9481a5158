package org.sqlwarehouse.workflow;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** The deploy history contract on PostgreSQL; each test has its own whd_ schemas, dropped afterwards. */
class DeployHistoryPostgresTest extends DeployHistoryContract {

    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        schema = "whd_history_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        db = TestDatabase.postgres();
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        if (db == null) {
            return;
        }
        try {
            db.execute("drop schema if exists \"" + schema + "\" cascade");
            db.execute("drop schema if exists \"" + devSchema() + "\" cascade");
        } finally {
            db.close();
        }
    }

    @Override
    protected TargetDefinition target() {
        return SafetyFixture.postgresTarget(schema, "wh-history-" + schema);
    }

    @Override
    protected TargetDefinition devTarget() {
        return TargetDefinition.builder("dev").type("postgres").host(TestDatabase.pgHost()).port(TestDatabase.pgPort())
                .database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser()).schema(devSchema()).threads(2)
                .protectedFlag(false).origin("test").build();
    }
}

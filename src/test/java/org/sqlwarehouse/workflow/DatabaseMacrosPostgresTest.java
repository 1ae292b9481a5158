package org.sqlwarehouse.workflow;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** Templates that ask PostgreSQL while they render. */
class DatabaseMacrosPostgresTest extends DatabaseMacrosContract {
    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        schema = "whl_asks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
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
    protected TargetDefinition target(boolean isProtected) {
        return TargetDefinition.builder(isProtected ? "prod" : "staging").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(2).protectedFlag(isProtected).origin("test").build();
    }
}

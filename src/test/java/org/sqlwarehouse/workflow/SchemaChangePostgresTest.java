package org.sqlwarehouse.workflow;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** on_schema_change on PostgreSQL. */
class SchemaChangePostgresTest extends SchemaChangeContract {
    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        schema = "whl_changing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        db = TestDatabase.postgres();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (db != null) {
            try {
                for (String suffix : new String[] {"", "_dbt_test__audit", "_checks"}) {
                    db.execute("drop schema if exists \"" + schema + suffix + "\" cascade");
                }
            } finally {
                db.close();
            }
        }
    }

    @Override
    protected TargetDefinition target() {
        return TargetDefinition.builder("staging").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).threads(2).protectedFlag(false).origin("test").build();
    }
}

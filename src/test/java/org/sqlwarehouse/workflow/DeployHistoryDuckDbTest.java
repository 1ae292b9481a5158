package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** The deploy history contract on embedded DuckDB, in a file of the test's own. */
class DeployHistoryDuckDbTest extends DeployHistoryContract {
    private Path file;

    @BeforeEach
    void open() throws SQLException {
        schema = "analytics";
        file = tmp.resolve("warehouse.duckdb");
        db = TestDatabase.duckdb(file.toFile());
    }

    @AfterEach
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected TargetDefinition target() {
        return SafetyFixture.duckdbTarget(file, schema);
    }

    @Override
    protected TargetDefinition devTarget() {
        return TargetDefinition.builder("dev").type("duckdb").path(file.toAbsolutePath().toString())
                .schema(devSchema()).threads(2).protectedFlag(false).origin("test").build();
    }
}

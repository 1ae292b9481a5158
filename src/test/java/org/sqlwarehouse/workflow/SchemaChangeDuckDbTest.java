package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** on_schema_change on DuckDB. */
class SchemaChangeDuckDbTest extends SchemaChangeContract {
    private Path file;

    @BeforeEach
    void open() throws SQLException {
        schema = "whl_changing";
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
        return TargetDefinition.builder("staging").type("duckdb")
                .path(file.toAbsolutePath().toString()).schema(schema).threads(2).protectedFlag(false)
                .origin("test").build();
    }
}

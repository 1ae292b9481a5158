package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * Two in-place builds into one DuckDB schema from two threads of one JVM, which share one database
 * instance (other processes are kept out by DuckDB's file lock); the waiting is observed through
 * the dialect's lock.
 */
class ConcurrentBuildsDuckDbTest extends ConcurrentBuildsContract {
    private Path file;

    @BeforeEach
    void open() throws SQLException {
        schema = "whl_builds";
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
    protected TargetDefinition inPlaceTarget() {
        return TargetDefinition.builder("staging").type("duckdb").path(file.toAbsolutePath().toString())
                .schema(schema).threads(2).protectedFlag(false).origin("test").build();
    }

    @Override
    protected int lockWaiters() throws Exception {
        Dialect dialect = new DuckDbDialect().forTarget(inPlaceTarget());
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(),
                new java.util.Properties())) {
            return dialect.schemaLockWaiters(c, schema);
        }
    }
}

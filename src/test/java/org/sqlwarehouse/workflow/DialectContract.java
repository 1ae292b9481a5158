package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.ContractDatabase;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * A contract run once per dialect: each run gets its database ({@link #open}) with a schema of its
 * own, and targets on it; a subclass per dialect says which.
 */
abstract class DialectContract {
    @TempDir
    Path tmp;

    protected String schema;
    protected TestDatabase db;
    private ContractDatabase database;

    /** The database of one run, on the subclass's dialect. */
    protected abstract ContractDatabase open(Path dir) throws SQLException;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = open(tmp);
        schema = database.schema();
        db = database.db();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    /** A target on the run's database in {@link #schema}, to finish (another schema, protection). */
    protected TargetDefinition.Builder targetOnDatabase(String name) {
        return database.target(name);
    }

    /** A target on the run's database in {@link #schema}: prod (protected, deploys) or staging (in place). */
    protected TargetDefinition target(boolean isProtected) {
        return database.target(isProtected ? "prod" : "staging").protectedFlag(isProtected).build();
    }
}

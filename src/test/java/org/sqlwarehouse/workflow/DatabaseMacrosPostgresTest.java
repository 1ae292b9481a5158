package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Templates that ask PostgreSQL while they render. */
class DatabaseMacrosPostgresTest extends DatabaseMacrosContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_asks_");
    }
}

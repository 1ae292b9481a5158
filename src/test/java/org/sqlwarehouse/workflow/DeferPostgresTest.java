package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Defer, favorState and indirect selection between two schemas of one PostgreSQL database. */
class DeferPostgresTest extends DeferContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_defer_", "_dev");
    }
}

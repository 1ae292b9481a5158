package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** warehouse:clone between two schemas of one PostgreSQL database, where a view binds to the relation it reads. */
class ClonePostgresTest extends CloneContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_clone_", "_dev");
    }
}

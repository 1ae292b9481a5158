package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Unit tests on PostgreSQL. */
class UnitTestsPostgresTest extends UnitTestsContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_unit_", "_raw");
    }
}

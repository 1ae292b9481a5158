package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Data test configs on PostgreSQL. */
class DataTestConfigsPostgresTest extends DataTestConfigsContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_judged_", "_dbt_test__audit", "_checks");
    }
}

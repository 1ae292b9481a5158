package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** state: selectors between two schemas of one PostgreSQL database. */
class StateSelectorsPostgresTest extends StateSelectorsContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_state_", "_dev");
    }
}

package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/**
 * Selective builds and deploys on PostgreSQL, which binds a view to the relation itself: a view
 * left out of the selection must be defined again over the new relation.
 */
class SelectiveDeployPostgresTest extends SelectiveDeployContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_sel_");
    }
}

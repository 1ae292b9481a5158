package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Snapshots on PostgreSQL. */
class SnapshotPostgresTest extends SnapshotContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_snap_", "_raw", "_history");
    }
}

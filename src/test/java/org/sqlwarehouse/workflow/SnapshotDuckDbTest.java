package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Snapshots on DuckDB. */
class SnapshotDuckDbTest extends SnapshotContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_snap");
    }
}

package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** warehouse:clone between two schemas of one DuckDB file. */
class CloneDuckDbTest extends CloneContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_clone");
    }
}

package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/**
 * Selective builds and deploys on DuckDB, which binds views by name when they are queried: the
 * views left out read the new relation by themselves; tables downstream are refused as anywhere.
 */
class SelectiveDeployDuckDbTest extends SelectiveDeployContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_sel");
    }
}

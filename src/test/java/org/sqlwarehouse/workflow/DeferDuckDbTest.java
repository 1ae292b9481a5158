package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Defer, favorState and indirect selection between two schemas of one DuckDB file. */
class DeferDuckDbTest extends DeferContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_defer");
    }
}

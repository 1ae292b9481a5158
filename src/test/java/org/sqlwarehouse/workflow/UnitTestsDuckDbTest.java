package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** Unit tests on DuckDB. */
class UnitTestsDuckDbTest extends UnitTestsContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_unit");
    }
}

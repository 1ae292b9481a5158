package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** incremental_predicates on DuckDB. */
class IncrementalPredicatesDuckDbTest extends IncrementalPredicatesContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_predicates");
    }
}

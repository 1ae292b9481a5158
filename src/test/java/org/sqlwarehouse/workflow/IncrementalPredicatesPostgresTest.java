package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** incremental_predicates on PostgreSQL. */
class IncrementalPredicatesPostgresTest extends IncrementalPredicatesContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_predicates_");
    }
}

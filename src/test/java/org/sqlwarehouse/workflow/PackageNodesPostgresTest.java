package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** An installed package's nodes built on PostgreSQL. */
class PackageNodesPostgresTest extends PackageNodesContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_pkgs_", "_pricing");
    }
}

package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/** Puts the previous deployed version of the selected target back, in one transaction. */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "rollback";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.rollback();
    }
}

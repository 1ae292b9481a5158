package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/** Shows the resolved targets (secrets masked), where each came from, and checks the connection. */
@Mojo(name = "debug", threadSafe = true)
public class DebugMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "debug";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.debug();
    }
}

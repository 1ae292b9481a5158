package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Shows what a deploy to the selected target would create, replace, drop or leave unchanged, and
 * why (SQL changed, config changed, upstream changed). Changes nothing.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "plan";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.plan();
    }
}

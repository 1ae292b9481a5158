package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * dbt's clone: gives the selected environment (an unprotected target, e.g. a dev schema) every
 * selected node it does not have yet as a view over the relation of that node in the target named
 * by {@code -Dwarehouse.state} (e.g. prod), which must be in the same database. Relations the
 * environment has already are left alone unless {@code -Dwarehouse.fullRefresh=true}. Each clone is
 * recorded in the environment's state, so that the next build replaces it with the node's own
 * relation. Refuses protected targets.
 */
@Mojo(name = "clone", threadSafe = true)
public class CloneMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "clone";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.cloneFromState();
    }
}

package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Drops the current user's dev schema (dbt_&lt;user&gt;) and its custom-schema siblings
 * (dbt_&lt;user&gt;_*) on the selected target. Refuses protected targets and declared schemas.
 */
@Mojo(name = "drop-schema", threadSafe = true)
public class DropSchemaMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "drop-schema";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.dropSchema();
    }
}

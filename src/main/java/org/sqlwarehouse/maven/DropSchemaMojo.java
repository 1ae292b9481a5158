package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Drops the current user's environment on the selected target: the dev schema (dbt_&lt;user&gt;),
 * if its state says this project built it, and the custom-schema siblings that state records.
 * Another user's schema that merely starts alike, a schema without state, the database's own and
 * default schemas are left alone with the reason. Refuses protected targets, declared schemas and an
 * empty warehouse.devSchemaPrefix.
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

package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Renders every model, checks the graph and writes target/warehouse/compiled/**.sql and
 * manifest.json. Needs no database.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class CompileMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "compile";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.compile();
    }
}

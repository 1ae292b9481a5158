package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Builds seeds, models and data tests in dependency order into the selected target: in place into
 * the user's dev schema (unchanged relations left alone). On a protected target it builds and tests
 * a staged candidate beside the live relations, which stay untouched until warehouse:deploy
 * promotes it.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class BuildMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.build();
    }
}

package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Builds seeds and models in dependency order into the selected target: the user's dev schema
 * unless a target says otherwise. A protected target is compiled and its connection checked only;
 * it changes through warehouse:deploy.
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

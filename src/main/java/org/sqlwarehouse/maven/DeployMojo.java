package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/** Makes the selected target live: builds every node into it. Select it with -Ptarget-&lt;name&gt;. */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "deploy";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.deploy();
    }
}

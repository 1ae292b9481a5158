package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Lists this project's environments in the selected target's database: every schema whose
 * {@code _warehouse_relations} records relations of this project, with whether a protected target
 * declares it, who built it last, when and from which commit, and how many relations it holds. With
 * {@code -Dwarehouse.state=<target>} (else {@code warehouse.defer}), also how many of its relations
 * differ from that target's by their project fingerprint. Changes nothing.
 */
@Mojo(name = "environments", threadSafe = true)
public class EnvironmentsMojo extends AbstractWarehouseMojo {
    @Override
    protected String goal() {
        return "environments";
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.environments();
    }
}

package org.sqlwarehouse.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;
import org.sqlwarehouse.workflow.WarehouseRequest;
import org.sqlwarehouse.workflow.WarehouseRequestBuilder;

/**
 * Drops the current user's environment on the selected target: the dev schema (dbt_&lt;user&gt;),
 * if its state says this project built it, and the custom-schema siblings that state records.
 * Another user's schema that merely starts alike, a schema without state, the database's own and
 * default schemas are left alone with the reason. Refuses protected targets, declared schemas and an
 * empty warehouse.devSchemaPrefix.
 *
 * <p>With {@code warehouse.olderThan}, drops instead every unprotected environment of this project
 * in the selected target's database that was last built longer ago than that, each as above; meant
 * for a nightly CI job.
 */
@Mojo(name = "drop-schema", threadSafe = true)
public class DropSchemaMojo extends AbstractWarehouseMojo {
    /**
     * Drop every environment of this project in the selected target's database whose last build (the
     * newest one its state records) is older than this: a whole number and a unit, s, m, h or d, e.g.
     * {@code 14d}. An environment is a schema holding this project's state, with the custom-schema
     * siblings that state records. Never a protected target's schema, a schema a target declares (in
     * the POM or profiles.yml), another project's environment or a schema without state. Without it,
     * drop-schema drops the current user's environment only.
     */
    @Parameter(property = "warehouse.olderThan")
    protected String olderThan;

    /** List what drop-schema would drop, and what it keeps and why, without dropping anything. */
    @Parameter(property = "warehouse.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected String goal() {
        return "drop-schema";
    }

    @Override
    protected WarehouseRequestBuilder withGoalParameters(WarehouseRequestBuilder builder) {
        return builder.olderThan(olderThan).dryRun(dryRun);
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        if (olderThan != null && !olderThan.isBlank()) {
            warehouse.dropOldEnvironments();
        } else {
            warehouse.dropSchema();
        }
    }
}

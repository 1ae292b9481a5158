package org.sqlwarehouse.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/**
 * Runs dbt unit tests ({@code unit_tests:} in property files) on the selected target without
 * building anything: each is one query of its model with every input replaced by mock rows,
 * compared with the expected rows. Bound to the test phase, so that {@code mvn test} runs them and
 * {@code mvn verify} runs them before it builds. {@code -DskipTests} skips them on an unprotected
 * target. Results are also written in Surefire's XML format for CI servers.
 */
@Mojo(name = "unit-test", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public class UnitTestMojo extends AbstractWarehouseMojo {
    /** Where the Surefire XML reports of the unit tests go ({@code TEST-unit_test.<project>.<model>.xml}). */
    @Parameter(property = "warehouse.reportsDirectory", defaultValue = "${project.build.directory}/surefire-reports")
    private File reportsDirectory;

    /** Maven's maven.test.skip: skips the unit tests as skipTests does. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    @Override
    protected String goal() {
        return "unit-test";
    }

    @Override
    protected boolean mavenSkipsTests() {
        return super.mavenSkipsTests() || mavenTestSkip;
    }

    @Override
    protected void run(Warehouse warehouse) throws WarehouseException {
        warehouse.unitTest(reportsDirectory == null ? null : reportsDirectory.toPath());
    }
}

package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import org.sqlwarehouse.WarehouseException;

/**
 * The deploying process that DeploySafetyPostgresTest kills: runs Warehouse.deploy() of one
 * project to a protected PostgreSQL target, as {@code mvn deploy} would.
 *
 * <p>Arguments: project directory, output directory, target schema, application name (shown in
 * pg_stat_activity, so that the test can wait until the killed process's sessions are gone).
 */
public final class SafetyDeployMain {
    private SafetyDeployMain() {
    }

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        Path output = Path.of(args[1]);
        SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();
        WarehouseRequest request = SafetyFixture.request(project, output,
                SafetyFixture.postgresTarget(args[2], args[3]), log, 60, project.getFileName().toString());
        try {
            new Warehouse(request).deploy();
            System.out.println(log);
            System.out.println("DEPLOYED");
            System.exit(0);
        } catch (WarehouseException | RuntimeException e) {
            System.out.println(log);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}

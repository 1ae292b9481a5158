package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.state.ProjectFingerprints;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.CompiledUnitTest;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.engine.LiveDatabase;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.report.ArtifactMetadata;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.ProgressLine;
import org.sqlwarehouse.report.RunResultsWriter;
import org.sqlwarehouse.report.SurefireReport;
import org.sqlwarehouse.unittest.UnitTestRunner;

/**
 * warehouse:unit-test: runs the unit tests of the selected models on the selected target, creating
 * nothing there, and reports them in the log, in run_results.json and as Surefire XML.
 */
final class UnitTestRun {
    private final WarehouseRequest request;
    private final Warehouse warehouse;
    private final BuildLog log;

    UnitTestRun(WarehouseRequest request, Warehouse warehouse, BuildLog log) {
        this.request = request;
        this.warehouse = warehouse;
        this.log = log;
    }

    /**
     * @param reportsDirectory where Surefire's XML files go (target/surefire-reports), or null for none
     */
    List<NodeResult> run(Path reportsDirectory) throws WarehouseException {
        Instant started = Instant.now();
        Warehouse.Selection selection = warehouse.select();
        boolean protectedTarget = selection.target().isProtected();
        if (skipped(protectedTarget)) {
            return List.of();
        }
        Warehouse.Compilation compilation = warehouse.compileFor(selection);
        List<CompiledUnitTest> tests = RunSelection.unitTests(compilation.compiled(), request.select(),
                request.exclude(), StateComparison.statusesFor(warehouse, request, selection, compilation,
                        () -> ProjectFingerprints.of(compilation.unrendered(), compilation.compiled())));
        if (tests.isEmpty()) {
            log.info("No unit tests to run" + (compilation.compiled().unitTests().isEmpty() ? " (no unit_tests: in the"
                    + " property files)" : " in the selection") + ".");
            return List.of();
        }
        log.info("Running " + tests.size() + " unit test" + (tests.size() == 1 ? "" : "s") + " on target '"
                + selection.target().name() + "'; nothing is built");
        List<NodeResult> results = new ArrayList<>();
        try (HikariDataSource pool = warehouse.open(selection); Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            UnitTestRunner runner = new UnitTestRunner(connection, selection.dialect(),
                    new LiveDatabase(connection, selection.dialect()));
            for (CompiledUnitTest test : tests) {
                NodeResult result = writeSql(test, runner.run(test));
                results.add(result);
                String line = ProgressLine.format(results.size(), tests.size(), result);
                if (result.status().isFailure()) {
                    log.error(line);
                    log.error("  " + test.uniqueId() + " (" + test.spec().file() + "):\n"
                            + result.message().indent(4).stripTrailing()
                            + (result.compiledPath() == null ? "" : "\n  SQL: " + result.compiledPath()));
                } else {
                    log.info(line);
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.failure("run the unit tests", selection.target().definition(), e);
        }
        writeReports(selection, started, results, reportsDirectory);
        List<NodeResult> failures = results.stream().filter(r -> r.status().isFailure()).toList();
        log.info(String.format(java.util.Locale.ROOT, "Unit tests: %d passed, %d failed of %d",
                results.size() - failures.size(), failures.size(), results.size()));
        if (!failures.isEmpty()) {
            throw new BuildFailedException(failures.size() + " of " + results.size() + " unit tests failed: "
                    + String.join(", ", failures.stream().map(NodeResult::displayName).toList()),
                    "See each failure above: a diff of the rows, or the database's error; the SQL of each unit test"
                            + " is at the path shown. Fix the model, or the rows the test expects.", failures, results);
        }
        return results;
    }

    /**
     * Writes the unit test's query to compiled/&lt;project&gt;/unit_test/&lt;model&gt;/&lt;name&gt;.sql, as dbt
     * keeps it, so that a failing one can be run by hand.
     */
    private NodeResult writeSql(CompiledUnitTest test, NodeResult result) throws WarehouseException {
        if (result.compiledCode() == null) {
            return result;
        }
        Path file = request.outputDirectory().resolve("compiled").resolve(test.fqn().get(0)).resolve("unit_test")
                .resolve(test.model()).resolve(test.name() + ".sql");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, result.compiledCode() + "\n");
        } catch (IOException e) {
            throw new WarehouseException("Cannot write " + file + ": " + e.getMessage(), null, e);
        }
        return new NodeResult(result.uniqueId(), result.resourceType(), result.status(), result.executionTime(),
                result.relation(), result.displayName(), result.kind(), result.message(), result.file(),
                file.toString(), result.relationName(), result.compiledCode(), result.failures(), result.execution());
    }

    /**
     * -DskipTests (or maven.test.skip, warehouse.skipTests) skips them on an unprotected target; on a
     * protected one they run anyway, as data tests gate a deploy there.
     */
    private boolean skipped(boolean protectedTarget) {
        boolean asked = request.mavenSkipTests() || request.skipTests();
        if (!asked) {
            return false;
        }
        if (protectedTarget && !request.allowUntestedDeploy()) {
            log.info("Tests are not skipped on a protected target: running the unit tests.");
            return false;
        }
        log.info("Unit tests are skipped.");
        return true;
    }

    private void writeReports(Warehouse.Selection selection, Instant started, List<NodeResult> results,
            Path reportsDirectory) throws WarehouseException {
        Path runResults = request.outputDirectory().resolve("run_results.json");
        try {
            RunResultsWriter.write(runResults, new ArtifactMetadata(UUID.randomUUID().toString(), started,
                    selection.target().name()), Duration.between(started, Instant.now()).toNanos() / 1e9, results);
            if (reportsDirectory != null) {
                List<SurefireReport.Case> cases = new ArrayList<>();
                for (NodeResult result : results) {
                    String id = result.uniqueId();
                    // unit_test.<project>.<model>.<name>: a suite per model, as a test class per class
                    String suite = id.substring(0, id.lastIndexOf('.'));
                    cases.add(new SurefireReport.Case(suite, id.substring(id.lastIndexOf('.') + 1), result));
                }
                SurefireReport.write(reportsDirectory, cases);
            }
        } catch (IOException e) {
            throw new WarehouseException("Cannot write the unit test reports: " + e.getMessage(), null, e);
        }
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.workflow.SafetyFixture.writeProject;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.Dialects;
import org.sqlwarehouse.engine.ConnectionPools;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * Two in-place builds into one schema at once (two terminals, two CI jobs of one pull request): each
 * waits for the schema's lock, as a deploy does, and both succeed one after the other. The test
 * holds the lock itself until it sees both builds waiting for it, so that they are queued whatever
 * the machine's speed, then lets them go and checks the schema.
 */
abstract class ConcurrentBuildsContract {
    @TempDir
    Path tmp;

    protected String schema;
    protected TestDatabase db;

    /** An unprotected target on the test's database, built in place, in the given schema. */
    protected abstract TargetDefinition inPlaceTarget();

    /** How many sessions wait for the schema's lock, as the database shows it. */
    protected abstract int lockWaiters() throws Exception;

    private SafetyFixture.RecordingLog[] logs;

    private Warehouse warehouse(Path project, int n, String version) {
        logs[n] = new SafetyFixture.RecordingLog();
        return new Warehouse(SafetyFixture.request(project, project.resolve("target/warehouse"), inPlaceTarget(),
                logs[n], 60, version));
    }

    /** relation -> the distinct ver values it serves. */
    private Map<String, List<String>> markers() throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String r : db.relations(schema).keySet()) {
            List<String> versions = new ArrayList<>();
            for (Map<String, Object> row : db.rows("select distinct ver from \"" + schema + "\".\"" + r
                    + "\" order by 1")) {
                versions.add(String.valueOf(row.get("ver")));
            }
            out.put(r, versions);
        }
        return out;
    }

    @Test
    @Timeout(180)
    void twoInPlaceBuildsIntoOneSchemaWaitForTheLockAndBothSucceed() throws Exception {
        logs = new SafetyFixture.RecordingLog[3];
        Path v1 = writeProject(tmp.resolve("v1"), 1);
        warehouse(v1, 2, "1.0").build();
        Path[] projects = {writeProject(tmp.resolve("v2"), 2), writeProject(tmp.resolve("v3"), 3)};
        Warehouse[] builds = {warehouse(projects[0], 0, "2.0"), warehouse(projects[1], 1, "3.0")};
        List<AtomicReference<Throwable>> errors = List.of(new AtomicReference<>(), new AtomicReference<>());
        List<Thread> threads = new ArrayList<>();
        Dialect dialect = Dialects.forType(inPlaceTarget().type()).forTarget(inPlaceTarget());
        ResolvedTarget resolved = ResolvedTarget.resolve(inPlaceTarget(), "dbt_", "holder", 1);
        try (HikariDataSource pool = ConnectionPools.open(resolved, dialect, tmp);
                DeployLock lock = DeployLock.acquire(pool, dialect, schema, 5, BuildLog.SILENT)) {
            for (int i = 0; i < 2; i++) {
                int n = i;
                Thread t = new Thread(() -> {
                    try {
                        builds[n].build();
                    } catch (Throwable e) {
                        errors.get(n).set(e);
                    }
                }, "build-v" + (i + 2));
                t.start();
                threads.add(t);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (lockWaiters() < 2) {
                assertThat(threads).as("both builds still running, waiting for the lock the test holds; errors: "
                        + errors + "\nlogs:\n" + logs[0] + "\n" + logs[1]).allMatch(Thread::isAlive);
                assertThat(System.nanoTime()).as("both builds wait for the lock within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(markers()).as("nothing built while the lock is held").containsEntry("totals", List.of("v1"));
        }
        for (Thread t : threads) {
            t.join(120_000);
        }
        assertThat(errors.get(0).get()).as("build of v2:\n" + logs[0]).isNull();
        assertThat(errors.get(1).get()).as("build of v3:\n" + logs[1]).isNull();
        assertThat(logs[0].lines()).anyMatch(l -> l.contains("Waiting up to 60 s for the lock of schema " + schema));

        // one whole version is there, the one built last; no temporary relation is left behind
        Map<String, List<String>> markers = markers();
        assertThat(markers).containsOnlyKeys(SafetyFixture.RELATIONS);
        String version = markers.get("totals").get(0);
        assertThat(version).isIn("v2", "v3");
        markers.values().forEach(v -> assertThat(v).containsExactly(version));
        assertThat(db.value("select total from \"" + schema + "\".totals").toString())
                .isEqualTo(String.valueOf(150 * Integer.parseInt(version.substring(1))));
        // and the state agrees with what is there: building that version again changes nothing
        List<NodeResult> again = warehouse(projects[version.equals("v2") ? 0 : 1], 2, "again").build();
        assertThat(again).filteredOn(r -> !"test".equals(r.resourceType()))
                .allMatch(r -> r.status() == NodeStatus.UNCHANGED, "unchanged");
    }
}

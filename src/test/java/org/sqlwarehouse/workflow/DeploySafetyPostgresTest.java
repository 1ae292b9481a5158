package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.workflow.SafetyFixture.writeProject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The deploy safety contract on PostgreSQL, plus what only a server shows: a deploying process
 * killed at random moments, two deploys at once and the advisory lock, and views outside the
 * project. Each test has its own schema, dropped afterwards.
 */
class DeploySafetyPostgresTest extends DeploySafetyContract {
    /** The application name of the engine's sessions: pg_stat_activity tells when they are gone. */
    private String application;

    @BeforeEach
    void connect() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        schema = SafetyFixture.randomSchema();
        application = "wh-safety-" + schema;
        db = TestDatabase.postgres();
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        if (db == null) {
            return;
        }
        try {
            db.execute("drop schema if exists \"" + schema + "\" cascade");
            db.execute("drop schema if exists \"" + schema + "_ext\" cascade");
        } finally {
            db.close();
        }
    }

    @Override
    protected TargetDefinition target() {
        return SafetyFixture.postgresTarget(schema, application);
    }

    @Override
    protected TestDatabase openReader() throws SQLException {
        return TestDatabase.postgres();
    }

    @Override
    protected String checksumSql(String relation) {
        return "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') from "
                + q(relation) + " t";
    }

    /** pg_class: oid, relfilenode and xmin change with any DDL on the relation (and its indexes). */
    @Override
    protected Map<String, String> catalogIdentity() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select c.relname, c.relkind::text || ' oid=' || c.oid || ' filenode='"
                + " || c.relfilenode || ' xmin=' || c.xmin as id from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + schema + "'")) {
            out.put(String.valueOf(row.get("relname")), String.valueOf(row.get("id")));
        }
        return out;
    }

    // ---- 3. the deploying JVM killed at random moments ----

    private record ChildRun(boolean killed, int exitCode, long millis, String output) {
    }

    private ChildRun runChild(Path project, Path output, String label, long killAfterMillis) throws Exception {
        Path logFile = tmp.resolve("child-" + label + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SafetyDeployMain.class.getName());
        command.add(project.toString());
        command.add(output.toString());
        command.add(schema);
        command.add(application);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        boolean killed = false;
        try {
            if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                killed = true;
            }
            p.waitFor(60, TimeUnit.SECONDS);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        int exit = p.isAlive() ? -1 : p.exitValue();
        return new ChildRun(killed, exit, millis, Files.readString(logFile, StandardCharsets.UTF_8));
    }

    /** Waits until the server has ended every session of the deploying processes. */
    private void awaitSessionsGone() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Object n = db.value("select count(*) from pg_stat_activity where application_name = '" + application
                    + "'");
            if (((Number) n).longValue() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions of the killed deploy still there: " + db.rows(
                        "select pid, state, query from pg_stat_activity where application_name = '" + application
                                + "'"));
            }
            Thread.sleep(50);
        }
    }

    private void assertPlanShowsNothingToDo(Path project) throws WarehouseException {
        assertThat(plan(project)).as("plan of " + project.getFileName() + " against the live state")
                .allMatch(p -> p.action() == Action.UNCHANGED, "unchanged");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aDeployKilledAtRandomMomentsLeavesTheOldOrTheNewVersionWhole() throws Exception {
        long budgetEnd = System.nanoTime() + 150_000_000_000L;
        Path[] versions = {null, writeProject(tmp.resolve("v1"), 1), writeProject(tmp.resolve("v2"), 2)};

        ChildRun initial = runChild(versions[1], tmp.resolve("out-initial"), "initial", 120_000);
        assertThat(initial.exitCode()).as(initial.output()).isZero();
        Map<String, String> snap1 = live();
        ChildRun normal = runChild(versions[2], tmp.resolve("out-normal"), "normal", 120_000);
        assertThat(normal.exitCode()).as(normal.output()).isZero();
        Map<String, String> snap2 = live();
        assertThat(markers()).isEqualTo(allAt(2));
        assertThat(snap2).containsOnlyKeys(SafetyFixture.RELATIONS).isNotEqualTo(snap1);
        List<Map<String, String>> snapshots = List.of(Map.of(), snap1, snap2);
        // the time the fastest normal deploy took, JVM start included: the kills fall inside it, so
        // that on a loaded machine, where deploys take longer, they still land before the end
        long normalMillis = Math.min(initial.millis(), normal.millis());

        long seed = System.nanoTime();
        Random random = new Random(seed);
        int live = 2;
        int trials = 0;
        int killed = 0;
        int lastVersion = 2;
        List<String> history = new ArrayList<>();
        while (trials < 24 && System.nanoTime() < budgetEnd) {
            // always the version that is not live, so that every trial has something to promote
            int version = live == 1 ? 2 : 1;
            // every other kill falls in the last quarter, where candidates are built and promoted (the
            // first part of a deploy is mostly the JVM starting and the project compiling)
            long delay = (long) ((trials % 2 == 0 ? random.nextDouble() : 0.75 + 0.2 * random.nextDouble())
                    * normalMillis);
            // each run has its own output folder, as separate checkouts would
            ChildRun run = runChild(versions[version], tmp.resolve("out-" + trials), "trial-" + trials, delay);
            awaitSessionsGone();
            Map<String, String> now = live();
            int seen = now.equals(snap1) ? 1 : now.equals(snap2) ? 2 : -1;
            history.add("trial " + trials + ": deploy v" + version + ", " + (run.killed() ? "killed after " + delay
                    + " ms" : "exited " + run.exitCode()) + ", live v" + seen);
            String context = "seed " + seed + ", normal deploy " + normalMillis + " ms\n" + String.join("\n", history)
                    + "\nchild output:\n" + run.output();
            assertThat(seen).as("live relations are entirely v1 or v2: " + now + "\n" + context).isPositive();
            assertThat(seen).as("live is the old or the new version\n" + context).isIn(live, version);
            if (!run.killed()) {
                assertThat(run.exitCode()).as(context).isZero();
                assertThat(seen).as(context).isEqualTo(version);
                // a deploy that finished before its kill was faster than the window: narrow it
                normalMillis = Math.min(normalMillis, run.millis());
            } else {
                killed++;
            }
            assertThat(markers()).as(context).isEqualTo(allAt(seen));
            // the state agrees with what is live
            assertPlanShowsNothingToDo(versions[seen]);
            live = seen;
            lastVersion = version;
            trials++;
        }
        System.out.println("Kill test, seed " + seed + ", normal deploy " + normalMillis + " ms:\n"
                + String.join("\n", history));
        assertThat(trials).as(String.join("\n", history)).isGreaterThanOrEqualTo(20);
        assertThat(killed).as(String.join("\n", history)).isGreaterThanOrEqualTo(10);

        // a normal deploy of the last version converges
        deploy(versions[lastVersion]);
        assertThat(live()).isEqualTo(snapshots.get(lastVersion));
        assertPlanShowsNothingToDo(versions[lastVersion]);
        assertThat(db.rows("select relation_name from " + q("_warehouse_relations") + " order by 1"))
                .extracting(r -> r.get("relation_name")).containsExactlyInAnyOrderElementsOf(SafetyFixture.RELATIONS);
        assertThat(sidecars()).noneMatch(s -> s.endsWith("__wh_cand"));
    }

    // ---- 5. two deploys at once ----

    private DeployLock holdLock(String holderName) throws WarehouseException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {TestDatabase.pgHost()});
        ds.setPortNumbers(new int[] {TestDatabase.pgPort()});
        ds.setDatabaseName(TestDatabase.pgDatabase());
        ds.setUser(TestDatabase.pgUser());
        ds.setApplicationName(holderName);
        return DeployLock.acquire(ds, new PostgresDialect(), schema, 5, BuildLog.SILENT);
    }

    /**
     * Waits until pg_locks shows this many sessions waiting for the schema's advisory lock: the
     * builds are then queued behind the holder, whatever the machine's speed.
     */
    private void awaitLockWaiters(String lockedSchema, int expected) throws Exception {
        awaitLockWaiters(db, lockedSchema, expected);
    }

    /** As above, on the given connection. */
    static void awaitLockWaiters(TestDatabase db, String lockedSchema, int expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (lockWaiters(db, lockedSchema) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + expected + " sessions waiting for the lock of " + lockedSchema
                        + ": " + db.rows("select * from pg_locks where locktype = 'advisory'"));
            }
            Thread.sleep(20);
        }
    }

    /** Sessions waiting for the schema's advisory lock ("WH", hashtext(schema)), from pg_locks. */
    static int lockWaiters(TestDatabase db, String lockedSchema) throws SQLException {
        return ((Number) db.value("select count(*) from pg_locks l where l.locktype = 'advisory' and not l.granted"
                + " and l.classid = " + 0x5748 + " and l.objid = ((hashtext('" + lockedSchema.replace("'", "''")
                + "')::bigint & 4294967295)::text)::oid and l.objsubid = 2")).intValue();
    }

    @Test
    void aDeployThatCannotTakeTheLockFailsNamingTheHolderAndChangesNothing() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        Map<String, String> before = live();
        Map<String, String> identity = catalogIdentity();
        Map<String, String> state = state();

        writeProject(project, 2);
        String holder = "safety-holder-" + schema;
        try (DeployLock lock = holdLock(holder)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> warehouse(project, project.resolve("target/warehouse"), 1, "v2").deploy())
                    .isInstanceOf(WarehouseException.class).hasMessageContaining(holder)
                    .hasMessageContaining(schema);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("waited for lockTimeout").isGreaterThanOrEqualTo(900);
        }
        assertThat(live()).isEqualTo(before);
        assertThat(catalogIdentity()).isEqualTo(identity);
        assertThat(state()).isEqualTo(state);

        // released, the same deploy goes through
        deploy(project);
        assertThat(markers()).isEqualTo(allAt(2));
    }

    @Test
    @Timeout(120)
    void twoDeploysAtOnceRunOneAfterTheOtherAndLeaveOneWholeVersion() throws Exception {
        deploy(writeProject(tmp.resolve("v1"), 1));
        Path[] projects = {writeProject(tmp.resolve("v2"), 2), writeProject(tmp.resolve("v3"), 3)};
        Warehouse[] deploys = {warehouse(projects[0], projects[0].resolve("target/warehouse"), 60, "v2"),
                warehouse(projects[1], projects[1].resolve("target/warehouse"), 60, "v3")};
        List<AtomicReference<Throwable>> errors = List.of(new AtomicReference<>(), new AtomicReference<>());
        List<Thread> threads = new ArrayList<>();
        try (DeployLock lock = holdLock("safety-holder-" + schema)) {
            for (int i = 0; i < 2; i++) {
                int n = i;
                Thread t = new Thread(() -> {
                    try {
                        deploys[n].deploy();
                    } catch (Throwable e) {
                        errors.get(n).set(e);
                    }
                }, "deploy-v" + (i + 2));
                t.start();
                threads.add(t);
            }
            awaitLockWaiters(schema, 2);
            assertThat(threads).as("both wait for the lock").allMatch(Thread::isAlive);
            assertThat(markers()).isEqualTo(allAt(1));
        }
        for (Thread t : threads) {
            t.join(90_000);
        }
        assertThat(errors.get(0).get()).as("deploy of v2").isNull();
        assertThat(errors.get(1).get()).as("deploy of v3").isNull();

        List<Map<String, Object>> deployments = db.rows("select project_version, status from "
                + q("_warehouse_deployments") + " order by finished_at");
        assertThat(deployments).extracting(r -> r.get("status")).containsOnly("deployed").hasSize(3);
        assertThat(deployments).extracting(r -> r.get("project_version")).containsExactlyInAnyOrder("1.0", "v2", "v3")
                .first().isEqualTo("1.0");
        String last = String.valueOf(deployments.get(2).get("project_version"));
        int lastVersion = Integer.parseInt(last.substring(1));
        assertThat(markers()).isEqualTo(allAt(lastVersion));
        assertPlanShowsNothingToDo(projects[lastVersion - 2]);
        assertThat(sidecars()).noneMatch(s -> s.endsWith("__wh_cand"));
    }

    // ---- a view outside the project ----

    @Test
    void aViewOutsideTheProjectOnAReplacedRelationMakesDeployFailNamingItWithNothingChanged() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        String ext = outsideSchemaWith("create view %s.watcher as select total, ver from %s");
        Map<String, String> before = live();
        Map<String, String> identity = catalogIdentity();
        Map<String, String> state = state();

        writeProject(project, 2);
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class).cause()
                .hasMessageContaining(ext + ".watcher").hasMessageContaining("Nothing was changed");
        assertThat(live()).isEqualTo(before);
        Map<String, String> liveIdentity = new TreeMap<>(catalogIdentity());
        liveIdentity.keySet().retainAll(SafetyFixture.RELATIONS);
        Map<String, String> expected = new TreeMap<>(identity);
        expected.keySet().retainAll(SafetyFixture.RELATIONS);
        assertThat(liveIdentity).isEqualTo(expected);
        assertThat(state()).isEqualTo(state);
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v1");
    }

    @Test
    void recreateOutsideViewsDefinesThemAgainOverTheNewVersionInPlaceAndRollbackDoesTheSame() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        String ext = outsideSchemaWith("create view %s.watcher with (security_barrier) as select total, ver from %s"
                + " where total > 0");
        db.execute("create view \"" + ext + "\".\"Watcher's watcher\" as select ver from \"" + ext + "\".watcher");
        db.execute("comment on view \"" + ext + "\".watcher is 'kept'");
        db.execute("grant select on \"" + ext + "\".watcher to public");
        String identity = outsideIdentity(ext);

        recreateOutsideViews = true;
        writeProject(project, 2);
        plan(project);
        assertThat(lastLog.toString()).contains("Views outside the project read relations to replace: ")
                .contains(ext + ".watcher (reads " + schema + ".totals)", ext + ".Watcher's watcher");
        deploy(project);

        assertThat(markers()).isEqualTo(allAt(2));
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v2");
        assertThat(db.value("select total from \"" + ext + "\".watcher")).isEqualTo(db.value("select total from "
                + q("totals")));
        assertThat(db.value("select ver from \"" + ext + "\".\"Watcher's watcher\"")).isEqualTo("v2");
        // defined again in place: same oid, so grants, comment, options and the view over it are kept
        assertThat(outsideIdentity(ext)).isEqualTo(identity);
        assertThat(lastLog.toString()).doesNotContain("Views outside the project");

        warehouse(project).rollback();
        assertThat(markers()).isEqualTo(allAt(1));
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v1");
        assertThat(outsideIdentity(ext)).isEqualTo(identity);

        // the next deploy drops the previous versions: nothing outside is bound to them any more
        writeProject(project, 3);
        deploy(project);
        assertThat(db.value("select ver from \"" + ext + "\".\"Watcher's watcher\"")).isEqualTo("v3");
    }

    @Test
    void anOutsideViewThatNoLongerFitsTheNewVersionFailsTheDeployWithNothingChanged() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        String ext = outsideSchemaWith("create view %s.watcher as select total, ver from %s");
        Map<String, String> before = live();
        Map<String, String> state = state();

        recreateOutsideViews = true;
        writeProject(project, 2);
        SafetyFixture.write(project, "models/totals.sql", "{{ config(materialized='table') }}\n"
                + "select cast(sum(amount) as text) as total, count(*) as n, max(ver) as ver\nfrom {{ ref('stg') }}\n");
        SafetyFixture.write(project, "models/report.sql", "select total, n, ver from {{ ref('totals') }}\n");
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining(ext + ".watcher").hasMessageContaining("nothing was changed");
        assertThat(live()).isEqualTo(before);
        assertThat(state()).isEqualTo(state);
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v1");
        assertThat(db.relations(ext)).containsOnlyKeys("watcher");
    }

    @Test
    void anOutsideMaterializedViewIsNeverRecreatedAndTheDeployFailsNamingIt() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        String ext = outsideSchemaWith("create materialized view %s.snapshot as select total, ver from %s");
        Map<String, String> before = live();

        recreateOutsideViews = true;
        writeProject(project, 2);
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining(ext + ".snapshot").hasMessageContaining("materialized")
                .hasMessageContaining("Nothing was changed");
        assertThat(live()).isEqualTo(before);
        assertThat(db.value("select ver from \"" + ext + "\".snapshot")).isEqualTo("v1");
    }

    @Test
    void anOutsideViewOverAPreviousVersionIsNeverDroppedWithItByTheNextDeploy() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        writeProject(project, 2);
        deploy(project);
        String ext = outsideSchemaWith("create view %s.audit as select total, ver from %s", "totals__wh_prev");
        Map<String, String> before = live();

        writeProject(project, 3);
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class).cause()
                .hasMessageContaining(ext + ".audit (reads " + schema + ".totals__wh_prev)")
                .hasMessageContaining("Nothing was changed");
        assertThat(live()).isEqualTo(before);
        assertThat(db.value("select ver from \"" + ext + "\".audit")).isEqualTo("v1");

        recreateOutsideViews = true;
        deploy(project);
        assertThat(markers()).isEqualTo(allAt(3));
        // defined again by name: it reads the version this deploy replaced
        assertThat(db.value("select ver from \"" + ext + "\".audit")).isEqualTo("v2");
    }

    @Test
    void anOutsideViewNamedLikeASidecarIsStillOutsideTheProject() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        String ext = outsideSchemaWith("create view %s.totals__wh_prev as select total, ver from %s");
        Map<String, String> before = live();

        writeProject(project, 2);
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class).cause()
                .hasMessageContaining(ext + ".totals__wh_prev (reads " + schema + ".totals)")
                .hasMessageContaining("Nothing was changed");
        assertThat(live()).isEqualTo(before);
        assertThat(db.value("select ver from \"" + ext + "\".totals__wh_prev")).isEqualTo("v1");
    }

    @Test
    void rollbackRefusesWhenAnOutsideViewReadsARelationItWouldSwap() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        writeProject(project, 2);
        deploy(project);
        String ext = outsideSchemaWith("create view %s.watcher as select total, ver from %s");
        Map<String, String> before = live();

        assertThatThrownBy(() -> warehouse(project).rollback()).isInstanceOf(WarehouseException.class)
                .hasMessageContaining(ext + ".watcher").hasMessageContaining("this rollback swaps back")
                .hasMessageContaining("Nothing was changed");
        assertThat(live()).isEqualTo(before);
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v2");
    }

    @Test
    void onATargetBuiltInPlaceAnOutsideViewFailsItsRelationUnlessAskedToDefineItAgain() throws Exception {
        TargetDefinition inPlace = TargetDefinition.builder("staging").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user(TestDatabase.pgUser())
                .schema(schema).protectedFlag(false).threads(2).origin("test").build();
        Path project = writeProject(tmp.resolve("project"), 1);
        Path output = tmp.resolve("out");
        new Warehouse(SafetyFixture.request(project, output, inPlace, org.sqlwarehouse.report.BuildLog.SILENT, 30, "1.0")).build();
        String ext = outsideSchemaWith("create view %s.watcher as select total, ver from %s");
        String identity = outsideIdentity(ext);

        writeProject(project, 2);
        SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();
        assertThatThrownBy(() -> new Warehouse(SafetyFixture.request(project, output, inPlace, log, 30, "2.0"))
                .build()).isInstanceOf(WarehouseException.class);
        assertThat(log.toString()).contains(ext + ".watcher").contains(OutsideViews.OPTION);
        assertThat(db.value("select ver from " + q("totals"))).isEqualTo("v1");
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v1");

        new Warehouse(SafetyFixture.request(project, output, inPlace, log, 30, "2.0", true)).build();
        assertThat(markers()).isEqualTo(allAt(2));
        assertThat(db.value("select ver from \"" + ext + "\".watcher")).isEqualTo("v2");
        assertThat(outsideIdentity(ext)).isEqualTo(identity);
        assertThat(sidecars()).isEmpty();
    }

    /**
     * Creates the schema {@code <schema>_ext}, outside the project, with one relation over totals.
     *
     * @param ddl with %s for the outside schema and then for totals, both quoted
     */
    private String outsideSchemaWith(String ddl) throws SQLException {
        return outsideSchemaWith(ddl, "totals");
    }

    /** An outside schema with the given view (ddl's first %s: the schema, second: the relation it reads). */
    private String outsideSchemaWith(String ddl, String relation) throws SQLException {
        String ext = schema + "_ext";
        db.execute("create schema \"" + ext + "\"");
        db.execute(String.format(ddl, "\"" + ext + "\"", q(relation)));
        return ext;
    }

    /** oid, options, grants and comment of each view in the outside schema. */
    private String outsideIdentity(String ext) throws SQLException {
        return String.valueOf(db.rows("select c.relname, c.oid::text as oid, array_to_string(c.reloptions, ',') as o,"
                + " c.relacl::text as acl, obj_description(c.oid, 'pg_class') as comment from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + ext + "' order by 1"));
    }
}

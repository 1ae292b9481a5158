package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.workflow.SafetyFixture.RELATIONS;
import static org.sqlwarehouse.workflow.SafetyFixture.write;
import static org.sqlwarehouse.workflow.SafetyFixture.writeProject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The deploy engine's safety promises of DESIGN.md section 7, checked in the database itself on
 * each kind of target (a subclass per database): a failed model or data test changes no live
 * relation, readers never see a mix of versions, an unchanged redeploy runs no DDL, a change
 * rebuilds exactly what depends on it, rollback gives the previous version back, and plan changes
 * nothing.
 */
abstract class DeploySafetyContract {
    @TempDir
    Path tmp;

    /** The target schema, unique per test. */
    protected String schema;
    /** The test's own connection to the target database. */
    protected TestDatabase db;
    /** The log of the newest Warehouse made by {@link #warehouse}. */
    protected SafetyFixture.RecordingLog lastLog;

    /** The protected target the test deploys to. */
    protected abstract TargetDefinition target();

    /** A second connection of the test's own, for a concurrent reader. */
    protected abstract TestDatabase openReader() throws SQLException;

    /** A single value "count:md5" over every row of the relation, in a stable order. */
    protected abstract String checksumSql(String relation);

    /**
     * The catalog's identity of every object in the target schema (state tables and sidecars
     * included): what any DDL on them would change.
     */
    protected abstract Map<String, String> catalogIdentity() throws SQLException;

    protected String q(String relation) {
        return "\"" + schema + "\".\"" + relation + "\"";
    }

    // ---- driving the engine ----

    /** -Dwarehouse.recreateOutsideViews for the requests this test makes. */
    protected boolean recreateOutsideViews;

    protected Warehouse warehouse(Path project) {
        return warehouse(project, project.resolve("target/warehouse"), 30, "1.0");
    }

    protected Warehouse warehouse(Path project, Path output, int lockTimeout, String version) {
        lastLog = new SafetyFixture.RecordingLog();
        return new Warehouse(SafetyFixture.request(project, output, target(), lastLog, lockTimeout, version,
                recreateOutsideViews));
    }

    protected List<NodeResult> deploy(Path project) throws WarehouseException {
        Warehouse w = warehouse(project);
        try {
            return w.deploy();
        } catch (WarehouseException e) {
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + lastLog, e.getHint(), e);
        }
    }

    protected List<PlannedChange> plan(Path project) throws WarehouseException {
        return warehouse(project, tmp.resolve("plan-out"), 30, "1.0").plan();
    }

    // ---- reading the database ----

    /** Every live relation (no sidecar, no state table): kind, column list and a checksum of all rows. */
    protected Map<String, String> live() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> r : db.relations(schema).entrySet()) {
            if (r.getKey().contains("__wh_")) {
                continue;
            }
            out.put(r.getKey(), r.getValue() + " columns=" + db.columns(schema, r.getKey()) + " rows="
                    + db.value(checksumSql(r.getKey())));
        }
        return out;
    }

    /** The state tables' rows, or "absent". */
    protected Map<String, String> state() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        List<String> tables = db.stateTables(schema);
        for (String t : List.of("_warehouse_relations", "_warehouse_deployments")) {
            if (!tables.contains(t)) {
                out.put(t, "absent");
                continue;
            }
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : db.rows("select * from " + q(t))) {
                rows.add(row.toString());
            }
            rows.sort(null);
            out.put(t, String.join("\n", rows));
        }
        return out;
    }

    /** Relation name to its distinct ver values. */
    protected Map<String, List<String>> markers() throws SQLException {
        return SafetyFixture.markers(db, schema);
    }

    /** What markers() gives when every relation of the project is at version n. */
    protected static Map<String, List<String>> allAt(int version) {
        return SafetyFixture.allAt(version);
    }

    protected List<String> sidecars() throws SQLException {
        List<String> out = new ArrayList<>();
        for (String r : db.relations(schema).keySet()) {
            if (r.contains("__wh_")) {
                out.add(r);
            }
        }
        return out;
    }

    private Map<String, String> liveIdentity() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        catalogIdentity().forEach((name, id) -> {
            if (RELATIONS.contains(name)) {
                out.put(name, id);
            }
        });
        return out;
    }

    // ---- 1. a failed model changes nothing ----

    @ParameterizedTest(name = "bad SQL in {0}")
    @ValueSource(strings = {"report", "totals"})
    void aModelThatFailsLeavesEveryLiveRelationIdentical(String broken) throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        Map<String, String> before = live();
        Map<String, String> identity = liveIdentity();
        Map<String, String> stateBefore = state();
        assertThat(before).containsOnlyKeys(RELATIONS);

        // v2 changes every relation's rows; the broken model fails after (report) or before (totals)
        // some candidates were built
        writeProject(project, 2);
        write(project, "models/" + broken + ".sql", broken.equals("report")
                ? "select total, n, no_such_column as average, ver from {{ ref('totals') }}\n"
                : "{{ config(materialized='table') }}\nselect sum(no_such_column) as total from {{ ref('stg') }}\n");
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class).cause()
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("model.safety." + broken);
        // the failure points at the compiled SQL, written beside the build: it is there when the build ends
        assertThat(project.resolve("target/warehouse/compiled/safety/models/" + broken + ".sql"))
                .content().contains("no_such_column");
        assertThat(project.resolve("target/warehouse/manifest.json")).content().contains("model.safety." + broken);

        assertThat(live()).isEqualTo(before);
        assertThat(liveIdentity()).as("no DDL on a live relation").isEqualTo(identity);
        assertThat(state()).isEqualTo(stateBefore);
        assertThat(markers()).isEqualTo(allAt(1));

        // fixed, the next deploy goes through and leaves no candidate behind
        writeProject(project, 2);
        deploy(project);
        assertThat(markers()).isEqualTo(allAt(2));
        assertThat(sidecars()).noneMatch(s -> s.endsWith("__wh_cand"));
    }

    // ---- 2. a failed data test changes nothing ----

    @Test
    void aDataTestThatFailsOnTheCandidateLeavesEveryLiveRelationIdentical() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        write(project, "models/schema.yml", SafetyFixture.schemaYml(
                "          - accepted_values:\n              values: ['v1']\n"));
        deploy(project);
        Map<String, String> before = live();
        Map<String, String> identity = liveIdentity();
        Map<String, String> stateBefore = state();

        // v2's rows carry ver 'v2': the accepted_values test fails on the candidate stg
        writeProject(project, 2);
        write(project, "models/schema.yml", SafetyFixture.schemaYml(
                "          - accepted_values:\n              values: ['v1']\n"));
        assertThatThrownBy(() -> deploy(project)).isInstanceOf(WarehouseException.class).cause()
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("accepted_values_stg_ver");

        assertThat(live()).isEqualTo(before);
        assertThat(liveIdentity()).as("no DDL on a live relation").isEqualTo(identity);
        assertThat(state()).isEqualTo(stateBefore);
        assertThat(markers()).isEqualTo(allAt(1));
    }

    // ---- 4. a reader during repeated deploys ----

    /** One statement, one snapshot: every relation's version range, row count and a sum. */
    private String readerSql() {
        return "select 'base' as rel, min(ver) as lo, max(ver) as hi, count(*) as n, sum(amount) as s from "
                + q("base")
                + " union all select 'stg', min(ver), max(ver), count(*), sum(amount) from " + q("stg")
                + " union all select 'totals', min(ver), max(ver), count(*), sum(total) from " + q("totals")
                + " union all select 'report', min(ver), max(ver), count(*), sum(total) from " + q("report")
                + " union all select 'other', min(ver), max(ver), count(*), sum(answer) from " + q("other");
    }

    /** The version a reader's rows show, or a description of what is wrong with them. */
    static String versionOf(List<Map<String, Object>> rows) {
        if (rows.size() != 5) {
            return "ERROR: " + rows.size() + " rows: " + rows;
        }
        String version = String.valueOf(rows.get(0).get("lo"));
        int n;
        try {
            n = Integer.parseInt(version.substring(1));
        } catch (RuntimeException e) {
            return "ERROR: bad version in " + rows;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("base", "5/" + 150 * n);
        expected.put("stg", "5/" + 150 * n);
        expected.put("totals", "1/" + 150 * n);
        expected.put("report", "1/" + 150 * n);
        expected.put("other", "1/42");
        for (Map<String, Object> row : rows) {
            String rel = String.valueOf(row.get("rel"));
            String got = row.get("n") + "/" + new java.math.BigDecimal(String.valueOf(row.get("s"))).stripTrailingZeros()
                    .toPlainString();
            if (!version.equals(String.valueOf(row.get("lo"))) || !version.equals(String.valueOf(row.get("hi")))
                    || !got.equals(expected.get(rel))) {
                return "ERROR: mixed or partial read " + rows;
            }
        }
        return version;
    }

    @Test
    @Timeout(120)
    void aReaderDuringRepeatedDeploysSeesOneWholeVersionAndNoError() throws Exception {
        Path v1 = writeProject(tmp.resolve("v1"), 1);
        Path v2 = writeProject(tmp.resolve("v2"), 2);
        deploy(v1);

        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> readerError = new AtomicReference<>();
        AtomicReference<String> badRead = new AtomicReference<>();
        AtomicInteger queries = new AtomicInteger();
        java.util.Set<String> seen = java.util.Collections.synchronizedSet(new TreeSet<>());
        String sql = readerSql();
        Thread reader = new Thread(() -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            try (TestDatabase r = openReader()) {
                while (!done.get() && queries.get() < 2000 && System.nanoTime() < deadline) {
                    String v = versionOf(r.rows(sql));
                    queries.incrementAndGet();
                    if (v.startsWith("ERROR")) {
                        badRead.compareAndSet(null, v);
                        return;
                    }
                    seen.add(v);
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                readerError.set(e);
            }
        }, "safety-reader");
        reader.start();
        int last = 1;
        try {
            for (int i = 0; i < 10 && reader.isAlive(); i++) {
                deploy(i % 2 == 0 ? v2 : v1);
                last = i % 2 == 0 ? 2 : 1;
            }
        } finally {
            done.set(true);
            reader.join(30_000);
        }
        System.out.println(getClass().getSimpleName() + " reader: " + queries.get() + " queries, saw " + seen);
        assertThat(readerError.get()).as("reader error after %d queries", queries.get()).isNull();
        assertThat(badRead.get()).as("reader saw").isNull();
        assertThat(queries.get()).isGreaterThan(10);
        assertThat(seen).as("versions the reader saw").containsExactlyInAnyOrder("v1", "v2");
        // the reader's bound may end the loop early on a loaded machine: live is the last deploy's
        assertThat(markers()).isEqualTo(allAt(last));
    }

    // ---- 6. no DDL when unchanged; a change rebuilds exactly it and its dependents ----

    @Test
    void anUnchangedRedeployRunsNoDdlAndAChangeRebuildsExactlyItsDependents() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        Map<String, String> identity = catalogIdentity();
        Map<String, String> stateBefore = state();
        List<String> sidecarsBefore = sidecars();
        Map<String, String> before = live();

        List<NodeResult> again = deploy(project);
        assertThat(catalogIdentity()).as("catalog after an unchanged redeploy").isEqualTo(identity);
        assertThat(state()).as("deployed_at and the rest of the state").isEqualTo(stateBefore);
        assertThat(sidecars()).isEqualTo(sidecarsBefore);
        assertThat(live()).isEqualTo(before);
        Map<String, NodeStatus> statuses = statuses(again);
        for (String r : RELATIONS) {
            assertThat(statuses).containsEntry(r, NodeStatus.UNCHANGED);
        }

        // stg changes: stg, totals and report are rebuilt; base and other stay the very same relations
        write(project, "models/stg.sql", "select id, amount * 2 as amount, ver from {{ ref('base') }}\n");
        List<NodeResult> results = deploy(project);
        Map<String, String> after = catalogIdentity();
        for (String r : List.of("base", "other")) {
            assertThat(after.get(r)).as(r + " untouched").isEqualTo(identity.get(r));
        }
        for (String r : List.of("stg", "totals", "report")) {
            assertThat(after.get(r)).as(r + " rebuilt").isNotNull().isNotEqualTo(identity.get(r));
        }
        assertThat(db.value("select total from " + q("totals")).toString()).isEqualTo("300");
        statuses = statuses(results);
        assertThat(statuses).containsEntry("base", NodeStatus.UNCHANGED).containsEntry("other", NodeStatus.UNCHANGED)
                .containsEntry("stg", NodeStatus.SUCCESS).containsEntry("totals", NodeStatus.SUCCESS)
                .containsEntry("report", NodeStatus.SUCCESS);
        JsonNode runResults = new ObjectMapper().readTree(project.resolve("target/warehouse/run_results.json")
                .toFile());
        Map<String, String> reported = new TreeMap<>();
        // dbt knows no status "unchanged": a node left alone is a success whose message says so
        runResults.get("results").forEach(r -> reported.put(r.get("unique_id").asText(), r.get("status").asText()
                + (r.get("message").asText("").startsWith("unchanged") ? " (unchanged)" : "")));
        assertThat(reported).containsEntry("seed.safety.base", "success (unchanged)")
                .containsEntry("model.safety.other", "success (unchanged)").containsEntry("model.safety.stg", "success")
                .containsEntry("model.safety.totals", "success").containsEntry("model.safety.report", "success");
    }

    @Test
    void theStateRowsNameTheirDeployWhoFromWhichCommitAndWhatWasReplaced() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        String commit = gitCommitOf(project);
        deploy(project);
        Map<String, Map<String, Object>> first = stateRows();
        Map<String, Object> firstDeploy = db.rows("select * from " + q("_warehouse_deployments")).get(0);

        assertThat(first).containsOnlyKeys(RELATIONS);
        for (Map<String, Object> row : first.values()) {
            assertThat(row.get("deploy_id")).isEqualTo(firstDeploy.get("deploy_id"));
            assertThat(row.get("deployed_by")).isEqualTo(firstDeploy.get("deployed_by"));
            assertThat(row.get("deployed_by").toString()).contains("@");
            assertThat(row.get("git_commit")).isEqualTo(commit);
            assertThat(row.get("project_version")).isEqualTo("1.0");
            assertThat(row.get("fingerprint").toString()).isNotBlank();
            assertThat(row.get("columns_hash").toString()).isNotBlank();
            assertThat(row.get("has_previous")).isEqualTo(false);
        }

        write(project, "models/stg.sql", "select id, amount * 2 as amount, ver from {{ ref('base') }}\n");
        deploy(project);
        Map<String, Map<String, Object>> second = stateRows();
        for (String kept : List.of("base", "other")) {
            assertThat(second.get(kept)).isEqualTo(first.get(kept));
        }
        for (String rebuilt : List.of("stg", "totals", "report")) {
            assertThat(second.get(rebuilt).get("deploy_id")).isNotEqualTo(firstDeploy.get("deploy_id"));
            assertThat(second.get(rebuilt).get("previous_fingerprint")).isEqualTo(first.get(rebuilt).get("fingerprint"));
            assertThat(second.get(rebuilt).get("has_previous")).isEqualTo(true);
            assertThat(second.get(rebuilt).get("fingerprint")).isNotEqualTo(first.get(rebuilt).get("fingerprint"));
        }
        assertThat(second.get("stg").get("columns_hash")).isEqualTo(first.get("stg").get("columns_hash"));
    }

    /** _warehouse_relations by relation name. */
    private Map<String, Map<String, Object>> stateRows() throws SQLException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select * from " + q("_warehouse_relations"))) {
            out.put(row.get("relation_name").toString(), row);
        }
        return out;
    }

    /** Makes the project a git repository with one commit, and gives that commit. */
    private static String gitCommitOf(Path project) throws Exception {
        run(project, "git", "init", "-q");
        run(project, "git", "add", ".");
        run(project, "git", "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "v1");
        return run(project, "git", "rev-parse", "HEAD");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static Map<String, NodeStatus> statuses(List<NodeResult> results) {
        Map<String, NodeStatus> out = new TreeMap<>();
        for (NodeResult r : results) {
            // keyed by the node's name: on a protected target the relation a result names is the
            // candidate's (stg__wh_cand)
            if (!"test".equals(r.resourceType())) {
                out.put(r.uniqueId().substring(r.uniqueId().lastIndexOf('.') + 1), r.status());
            }
        }
        return out;
    }

    // ---- 7. rollback ----

    @Test
    void rollbackGivesBackThePreviousRowsAndColumnsOnceOnly() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        Map<String, String> v1 = live();

        // v2: new rows everywhere, a column added to stg, a new model
        writeProject(project, 2);
        write(project, "models/stg.sql", "select id, amount, ver, 'added' as added_col from {{ ref('base') }}\n");
        write(project, "models/fresh.sql", "select 1 as x, 'v2' as ver\n");
        deploy(project);
        assertThat(db.columns(schema, "stg")).containsKey("added_col");
        assertThat(db.relations(schema)).containsKey("fresh");
        Map<String, String> v2 = live();

        warehouse(project).rollback();
        assertThat(live()).isEqualTo(v1);
        assertThat(db.columns(schema, "stg")).doesNotContainKey("added_col");
        assertThat(db.relations(schema)).doesNotContainKey("fresh");
        assertThat(db.rows("select status from " + q("_warehouse_deployments") + " order by started_at"))
                .extracting(r -> r.get("status")).containsExactly("deployed", "rolled_back");

        Map<String, String> identity = catalogIdentity();
        Map<String, String> stateBefore = state();
        assertThatThrownBy(() -> warehouse(project).rollback()).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Nothing to roll back");
        assertThat(catalogIdentity()).isEqualTo(identity);
        assertThat(state()).isEqualTo(stateBefore);
        assertThat(live()).isEqualTo(v1);

        // and deploying v2 again brings it back whole
        deploy(project);
        assertThat(live()).isEqualTo(v2);
    }

    // ---- the catalog is the truth ----

    @Test
    void relationsDroppedOrReplacedOutsideThePluginAreRebuilt() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        Map<String, String> v1 = live();

        db.execute("drop view " + q("stg"));
        deploy(project);
        assertThat(live()).isEqualTo(v1);

        // replaced by a table of the same name: made a view again
        db.execute("drop view " + q("stg"));
        db.execute("create table " + q("stg") + " as select * from " + q("base"));
        deploy(project);
        assertThat(db.relations(schema)).containsEntry("stg", "VIEW");
        assertThat(live()).isEqualTo(v1);

        // a whole schema dropped takes the state along: everything is built again
        db.execute("drop schema \"" + schema + "\" cascade");
        deploy(project);
        assertThat(live()).isEqualTo(v1);
        assertThat(plan(project)).allMatch(p -> p.action() == Action.UNCHANGED, "unchanged");
    }

    @Test
    void aRelationAlteredOutsideThePluginIsRebuilt() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project);
        Map<String, String> v1 = live();

        db.execute("alter table " + q("other") + " add column extra integer");
        assertThat(plan(project)).as("plan after other was altered outside the plugin")
                .anyMatch(p -> p.name().equals("other") && p.action() == Action.REPLACE);
        deploy(project);
        assertThat(live()).isEqualTo(v1);
    }

    // ---- plan ----

    @Test
    void planChangesNothingAndGivesActionsWithReasons() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        write(project, "models/gone.sql", "select 1 as x, 'v1' as ver\n");

        // before the first deploy: all new, and not even the schema is created
        List<PlannedChange> first = plan(project);
        assertThat(first).allMatch(p -> p.action() == Action.CREATE && p.reason().equals("new"), "all new");
        assertThat(db.rows("select schema_name from information_schema.schemata where schema_name = '" + schema
                + "'")).isEmpty();

        deploy(project);
        write(project, "models/stg.sql", "select id, amount * 2 as amount, ver from {{ ref('base') }}\n");
        write(project, "models/fresh.sql", "select 1 as x, 'v1' as ver\n");
        Files.delete(project.resolve("models/gone.sql"));

        Map<String, String> identity = catalogIdentity();
        Map<String, String> stateBefore = state();
        Map<String, String> before = live();
        List<PlannedChange> plan = plan(project);
        assertThat(catalogIdentity()).isEqualTo(identity);
        assertThat(state()).isEqualTo(stateBefore);
        assertThat(live()).isEqualTo(before);

        Map<String, String> actions = new TreeMap<>();
        plan.forEach(p -> actions.put(p.name(), p.action() + " (" + p.reason() + ")"));
        assertThat(actions).containsExactlyInAnyOrderEntriesOf(Map.of(
                "base", "UNCHANGED (unchanged)",
                "stg", "REPLACE (SQL changed)",
                "totals", "REPLACE (upstream changed)",
                "report", "REPLACE (upstream changed)",
                "other", "UNCHANGED (unchanged)",
                "fresh", "CREATE (new)",
                "gone", "DROP (no longer in the project)"));
        assertThat(lastLog.lines()).anyMatch(l -> l.contains("1 to create, 3 to replace, 1 to drop, 2 unchanged"));
    }

    // ---- a candidate verified in one checkout, overwritten by another's verify ----

    @Test
    void deployPromotesItsOwnVersionAfterAnotherCheckoutVerifiedInBetween() throws Exception {
        deploy(writeProject(tmp.resolve("v1"), 1));
        Path a = writeProject(tmp.resolve("checkout-a"), 2);
        Path b = writeProject(tmp.resolve("checkout-b"), 3);

        warehouse(a).build(); // verify: candidate v2, recorded in the target as staged
        warehouse(b).build(); // verify elsewhere: the candidates in the database are now v3
        assertThat(markers()).isEqualTo(allAt(1));
        deploy(a);

        assertThat(markers()).as("live after deploying checkout A (v2)").isEqualTo(allAt(2));
        // and the state agrees with what is live
        assertThat(plan(a)).allMatch(p -> p.action() == Action.UNCHANGED, "plan of A shows nothing to do");
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.workflow.SafetyFixture.RELATIONS;
import static org.sqlwarehouse.workflow.SafetyFixture.write;
import static org.sqlwarehouse.workflow.SafetyFixture.writeProject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * What the deploy engine records about deploys, checked in the database on each kind of target (a
 * subclass per database), with the SafetyFixture project: rollback undoes the deploy that is live in
 * the order the server recorded deploys, whatever the deployers' clocks; on a protected target the
 * data tests gate promotion whatever skipTests says, and a candidate records whether they ran; a
 * pruned relation is kept until the next deploy so that rollback puts it back; state tables of an
 * earlier version are upgraded in place.
 */
abstract class DeployHistoryContract {
    @TempDir
    Path tmp;

    /** The protected target's schema, unique per test. */
    protected String schema;
    /** The test's own connection to the target database. */
    protected TestDatabase db;
    /** The log of the newest Warehouse made by {@link #warehouse}. */
    protected SafetyFixture.RecordingLog lastLog;

    /** The protected target "prod" in {@link #schema}. */
    protected abstract TargetDefinition target();

    /** An unprotected target "dev" in the same database, in {@link #devSchema()}. */
    protected abstract TargetDefinition devTarget();

    protected String devSchema() {
        return schema + "_dev";
    }

    protected String q(String relation) {
        return "\"" + schema + "\".\"" + relation + "\"";
    }

    // ---- driving the engine ----

    protected Warehouse warehouse(Path project, String version, UnaryOperator<WarehouseRequestBuilder> options) {
        return warehouse(project, target(), version, options);
    }

    protected Warehouse warehouse(Path project, TargetDefinition target, String version,
            UnaryOperator<WarehouseRequestBuilder> options) {
        lastLog = new SafetyFixture.RecordingLog();
        return new Warehouse(options.apply(SafetyFixture.requestBuilder(project, project.resolve("target/warehouse"),
                target, lastLog).lockTimeoutSeconds(30).projectVersion(version)).build());
    }

    protected void deploy(Path project, String version) throws WarehouseException {
        deploy(project, version, b -> b);
    }

    protected void deploy(Path project, String version, UnaryOperator<WarehouseRequestBuilder> options)
            throws WarehouseException {
        Warehouse w = warehouse(project, version, options);
        try {
            w.deploy();
        } catch (WarehouseException e) {
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + lastLog, e.getHint(), e);
        }
    }

    protected void rollback(Path project) throws WarehouseException {
        warehouse(project, "rollback", b -> b).rollback();
    }

    // ---- reading the database ----

    /** Live relation name (no sidecar, no state table) to its distinct ver values. */
    protected Map<String, List<String>> markers() throws SQLException {
        return SafetyFixture.markers(db, schema);
    }

    /** What markers() gives when every relation of the project is at version n. */
    protected static Map<String, List<String>> allAt(int version) {
        return SafetyFixture.allAt(version);
    }

    /** project_version to status, of every deploy recorded. */
    protected Map<String, String> statuses() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select project_version, status from " + q("_warehouse_deployments"))) {
            out.put(String.valueOf(row.get("project_version")), String.valueOf(row.get("status")));
        }
        return out;
    }

    protected Object deployment(String version, String column) throws SQLException {
        return db.value("select " + column + " from " + q("_warehouse_deployments") + " where project_version = '"
                + version + "'");
    }

    /** Every row of a relation, in a stable order, as text. */
    protected String rowsOf(String relation) throws SQLException {
        return String.valueOf(db.rows("select * from " + q(relation) + " order by 1, 2"));
    }

    /** The project at version n, whose seed has a duplicate id: stg's unique test fails on it. */
    private static Path writeProjectWithDuplicate(Path dir, int version) throws Exception {
        writeProject(dir, version);
        String csv = Files.readString(dir.resolve("seeds/base.csv"));
        write(dir, "seeds/base.csv", csv + "5," + 50 * version + ",v" + version + "\n");
        return dir;
    }

    // ---- 2. rollback follows the server's order of deploys ----

    @Test
    void rollbackUndoesTheLiveDeployWhenItsDeployerClockIsHoursBehind() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        TimeZone original = TimeZone.getDefault();
        try {
            // v1 and v2 from a machine on UTC, v3 from one in Los Angeles (as with
            // MAVEN_OPTS=-Duser.timezone=America/Los_Angeles): its wall clock reads hours earlier
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            deploy(project, "v1");
            writeProject(project, 2);
            deploy(project, "v2");
            writeProject(project, 3);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            deploy(project, "v3");
        } finally {
            TimeZone.setDefault(original);
        }
        assertThat(markers()).isEqualTo(allAt(3));
        // as the deployers' clocks recorded them, v3 finished before v2: the skew the issue describes
        assertThat(db.value("select count(*) from " + q("_warehouse_deployments") + " v2, "
                + q("_warehouse_deployments") + " v3 where v2.project_version = 'v2' and v3.project_version = 'v3'"
                + " and v3.finished_at < v2.finished_at")).isEqualTo(1L);

        rollback(project);
        assertThat(lastLog.toString()).contains("Rolled back deploy " + deployment("v3", "deploy_id"));
        assertThat(markers()).as("live after rolling back v3").isEqualTo(allAt(2));
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "v1", "deployed", "v2", "deployed", "v3", "rolled_back"));
        assertThat(db.rows("select project_version from " + q("_warehouse_deployments") + " order by deploy_seq"))
                .extracting(r -> r.get("project_version")).containsExactly("v1", "v2", "v3");

        // once only: v2's previous versions are gone, and rolling back "the newest deployed" (v2) would
        // swap v3 back in
        assertThatThrownBy(() -> rollback(project)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Nothing to roll back");
        assertThat(markers()).isEqualTo(allAt(2));
    }

    @Test
    void rollbackRefusesRatherThanUndoADeployThatIsNotLiveInHistoryRecordedBeforeDeploysWereNumbered()
            throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            deploy(project, "v1");
            writeProject(project, 2);
            deploy(project, "v2");
            writeProject(project, 3);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            deploy(project, "v3");
        } finally {
            TimeZone.setDefault(original);
        }
        // the history as the previous release kept it: no numbers, only the deployers' clocks
        db.execute("alter table " + q("_warehouse_deployments") + " drop column deploy_seq");
        Map<String, String> before = statuses();

        assertThatThrownBy(() -> rollback(project)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Cannot roll back deploy " + deployment("v2", "deploy_id"))
                .hasMessageContaining("not the deploy that is live");
        assertThat(markers()).isEqualTo(allAt(3));
        assertThat(statuses()).isEqualTo(before);
    }

    @Test
    void rollbackUndoesTheProjectsOwnDeployNotAnotherProjectsInTheSameSchema() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project, "v1");
        writeProject(project, 2);
        deploy(project, "v2");
        Path neighbour = tmp.resolve("neighbour");
        write(neighbour, "dbt_project.yml", "name: neighbour\n");
        write(neighbour, "models/neighbour_model.sql", "select 7 as answer, 'n1' as ver\n");
        deploy(neighbour, "n1");

        rollback(project);
        Map<String, List<String>> expected = new TreeMap<>(allAt(1));
        expected.put("neighbour_model", List.of("n1"));
        assertThat(markers()).isEqualTo(expected);
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "v1", "deployed", "v2", "rolled_back", "n1", "deployed"));
    }

    // ---- 3. on a protected target the data tests gate promotion ----

    @Test
    void mavenSkipTestsDoesNotSkipTheDataTestsThatGateAProtectedTarget() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project, "v1");

        // mvn deploy -DskipTests -Ptarget-prod: verify, then deploy, both with Maven's skipTests
        writeProjectWithDuplicate(project, 2);
        assertThatThrownBy(() -> warehouse(project, "v2", b -> b.mavenSkipTests(true)).build())
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("unique_stg_id");
        assertThat(lastLog.toString()).contains("data tests of protected target 'prod' run all the same");
        assertThatThrownBy(() -> deploy(project, "v2", b -> b.mavenSkipTests(true)))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("unique_stg_id");
        // and a plain deploy after it finds no untested candidate to promote
        assertThatThrownBy(() -> deploy(project, "v2")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("unique_stg_id");

        assertThat(markers()).isEqualTo(allAt(1));
        assertThat(db.count(q("base"))).isEqualTo(5);
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of("v1", "deployed"));
    }

    @Test
    void warehouseSkipTestsIsRefusedOnAProtectedTargetUnlessUntestedDeploysAreAllowed() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project, "v1");
        Map<String, String> relations = db.relations(schema);

        writeProjectWithDuplicate(project, 2);
        assertThatThrownBy(() -> warehouse(project, "v2", b -> b.skipTests(true)).build())
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("warehouse.skipTests=true is refused on protected target 'prod'")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint())
                        .contains("-Dwarehouse.allowUntestedDeploy=true"));
        assertThatThrownBy(() -> deploy(project, "v2", b -> b.skipTests(true)))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("warehouse.skipTests=true is refused");
        assertThat(db.relations(schema)).as("no candidate staged").isEqualTo(relations);
        assertThat(markers()).isEqualTo(allAt(1));
    }

    @Test
    void aCandidateStagedWithoutItsDataTestsIsTestedBeforeAPlainDeployPromotesIt() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project, "v1");

        writeProjectWithDuplicate(project, 2);
        warehouse(project, "v2", b -> b.skipTests(true).allowUntestedDeploy(true)).build();
        assertThat(db.relations(schema)).containsKey("base__wh_cand");

        // a plain deploy builds and tests the candidate again: the duplicate fails it
        assertThatThrownBy(() -> deploy(project, "v2")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("unique_stg_id");
        assertThat(markers()).isEqualTo(allAt(1));
        assertThat(db.count(q("base"))).isEqualTo(5);
        assertThat(deployment("v1", "tested")).isEqualTo(true);

        // staged untested again: the candidates table says so
        warehouse(project, "v2", b -> b.skipTests(true).allowUntestedDeploy(true)).build();
        assertThat(db.rows("select distinct tested from " + q("_warehouse_candidates")))
                .extracting(r -> r.get("tested")).containsExactly(false);

        // asked for in so many words, the untested deploy goes through and says so
        deploy(project, "v2", b -> b.skipTests(true).allowUntestedDeploy(true));
        assertThat(markers()).isEqualTo(allAt(2));
        assertThat(db.count(q("base"))).isEqualTo(6);
        assertThat(deployment("v2", "tested")).isEqualTo(false);
        assertThat(lastLog.toString()).contains("recorded as untested");
    }

    @Test
    void onAnUnprotectedTargetEitherSkipTestsSkipsTheDataTests() throws Exception {
        Path project = writeProjectWithDuplicate(tmp.resolve("project"), 1);
        assertThatThrownBy(() -> warehouse(project, devTarget(), "v1", b -> b).build())
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("unique_stg_id");
        warehouse(project, devTarget(), "v1", b -> b.mavenSkipTests(true)).build();
        assertThat(db.count("\"" + devSchema() + "\".\"base\"")).isEqualTo(6);
        writeProjectWithDuplicate(project, 2);
        warehouse(project, devTarget(), "v2", b -> b.skipTests(true)).build();
        assertThat(db.value("select max(ver) from \"" + devSchema() + "\".\"stg\"")).isEqualTo("v2");
    }

    // ---- 5. a pruned relation can come back ----

    @Test
    void aPrunedRelationIsKeptUntilTheNextDeployAndRollbackPutsItBack() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        write(project, "models/gone.sql",
                "{{ config(materialized='table') }}\nselect id, amount, ver from {{ ref('base') }}\n");
        write(project, "models/gone_report.sql",
                "select sum(amount) as total, max(ver) as ver from {{ ref('gone') }}\n");
        deploy(project, "v1");
        String gone = rowsOf("gone");
        String goneReport = rowsOf("gone_report");
        Map<String, Object> goneState = db.rows("select * from " + q("_warehouse_relations")
                + " where relation_name = 'gone'").get(0);

        writeProject(project, 2);
        Files.delete(project.resolve("models/gone.sql"));
        Files.delete(project.resolve("models/gone_report.sql"));
        assertThat(warehouse(project, "plan", b -> b.pruneOrphans(true)).plan())
                .filteredOn(p -> p.action() == Action.DROP).extracting(p -> p.name())
                .containsExactlyInAnyOrder("gone", "gone_report");
        assertThat(lastLog.toString()).contains("each is kept hidden as <name>__wh_prev until the next deploy");

        deploy(project, "v2", b -> b.pruneOrphans(true));
        assertThat(markers()).as("readers no longer see the pruned relations").isEqualTo(allAt(2));
        assertThat(db.relations(schema)).containsKeys("gone__wh_prev", "gone_report__wh_prev");
        Object v2 = deployment("v2", "deploy_id");
        assertThat(db.rows("select relation_name, pruned_by from " + q("_warehouse_relations")
                + " where pruned_by is not null order by 1"))
                .extracting(r -> r.get("relation_name") + " " + r.get("pruned_by"))
                .containsExactly("gone " + v2, "gone_report " + v2);
        warehouse(project, "plan", b -> b).plan();
        assertThat(lastLog.toString()).contains("pruned    table " + schema + ".gone (by deploy " + v2);

        rollback(project);
        Map<String, List<String>> expected = new TreeMap<>(allAt(1));
        expected.put("gone", List.of("v1"));
        expected.put("gone_report", List.of("v1"));
        assertThat(markers()).isEqualTo(expected);
        assertThat(rowsOf("gone")).isEqualTo(gone);
        assertThat(rowsOf("gone_report")).isEqualTo(goneReport);
        assertThat(lastLog.toString()).contains("2 pruned relation(s) restored");
        Map<String, Object> restored = db.rows("select * from " + q("_warehouse_relations")
                + " where relation_name = 'gone'").get(0);
        assertThat(restored.get("pruned_by")).isNull();
        assertThat(restored.get("fingerprint")).isEqualTo(goneState.get("fingerprint"));
        assertThat(statuses()).containsEntry("v2", "rolled_back");

        // pruned again, then the next deploy drops the kept version for good
        deploy(project, "v2b", b -> b.pruneOrphans(true));
        assertThat(db.relations(schema)).containsKey("gone__wh_prev").doesNotContainKey("gone");
        writeProject(project, 3);
        deploy(project, "v3");
        assertThat(markers()).isEqualTo(allAt(3));
        assertThat(db.relations(schema).keySet()).noneMatch(r -> r.startsWith("gone"));
        assertThat(db.rows("select relation_name from " + q("_warehouse_relations") + " order by 1"))
                .extracting(r -> r.get("relation_name")).containsExactlyInAnyOrderElementsOf(RELATIONS);
    }

    @Test
    void aSelectionNeverMakesTheRelationsItLeavesOutLookLikeOrphans() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project, "v1");
        writeProject(project, 2);
        assertThat(warehouse(project, "plan", b -> b.select("other")).plan()).noneMatch(p -> p.action() == Action.DROP);

        deploy(project, "v2", b -> b.select("other").pruneOrphans(true));
        Map<String, List<String>> expected = new TreeMap<>(allAt(1));
        expected.put("other", List.of("v2"));
        assertThat(markers()).isEqualTo(expected);
        assertThat(db.relations(schema).keySet()).containsExactlyInAnyOrder("base", "stg", "totals", "report", "other",
                "other__wh_prev");
        assertThat(db.value("select count(*) from " + q("_warehouse_relations") + " where pruned_by is not null"))
                .isEqualTo(0L);
    }

    // ---- state tables of an earlier version ----

    @Test
    void stateTablesOfAnEarlierVersionAreUpgradedInPlaceAndTheirDeploysStillRollBack() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 1);
        deploy(project, "v1");
        // the tables as the previous release made them: without the columns added since
        for (String[] column : List.of(new String[] {"_warehouse_relations", "pruned_by"},
                new String[] {"_warehouse_relations", "project_fingerprint"},
                new String[] {"_warehouse_deployments", "deploy_seq"},
                new String[] {"_warehouse_deployments", "recorded_at"},
                new String[] {"_warehouse_deployments", "tested"},
                new String[] {"_warehouse_candidates", "tested"})) {
            db.execute("alter table " + q(column[0]) + " drop column " + column[1]);
        }
        writeProject(project, 2);
        // plan reads the old tables without changing them
        assertThat(warehouse(project, "plan", b -> b).plan()).anyMatch(p -> p.action() == Action.REPLACE);
        assertThat(db.columns(schema, "_warehouse_relations")).doesNotContainKey("pruned_by");

        deploy(project, "v2");
        assertThat(db.columns(schema, "_warehouse_relations")).containsKeys("pruned_by", "project_fingerprint");
        // every live row has its project fingerprint: the replaced ones written anew, the unchanged ones updated
        assertThat(db.value("select count(*) from " + q("_warehouse_relations")
                + " where pruned_by is null and project_fingerprint is null").toString()).isEqualTo("0");
        assertThat(db.columns(schema, "_warehouse_deployments")).containsKeys("deploy_seq", "recorded_at", "tested");
        assertThat(db.columns(schema, "_warehouse_candidates")).containsKey("tested");
        // a deploy recorded before has no number: it orders before every numbered one
        assertThat(db.rows("select project_version, deploy_seq from " + q("_warehouse_deployments")
                + " order by project_version")).extracting(r -> r.get("project_version") + "=" + r.get("deploy_seq"))
                .containsExactly("v1=null", "v2=1");

        rollback(project);
        assertThat(markers()).isEqualTo(allAt(1));
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of("v1", "deployed", "v2", "rolled_back"));
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.report.NodeResult;

/**
 * A build or deploy with -Dwarehouse.select: the project's relations that the selection leaves out
 * but that read a relation it replaces read the new version afterwards (views), or the deploy is
 * refused before anything changes (tables, which hold rows computed from the old version). Checked
 * in the database: the rows each view serves.
 *
 * <p>The project: a seed {@code base} (id, ver; n rows), a view {@code stg} over it, a view
 * {@code stg2} over stg, and, in {@link #writeWithTable}, a table {@code totals} over stg.
 */
abstract class SelectiveDeployContract extends DialectContract {

    private SafetyFixture.RecordingLog log;

    protected String q(String relation) {
        return "\"" + schema + "\".\"" + relation + "\"";
    }

    static Path writeProject(Path dir, int rows) throws IOException {
        SafetyFixture.write(dir, "dbt_project.yml", "name: selective\nmodels:\n  selective:\n    +materialized: view\n");
        writeSeed(dir, rows);
        SafetyFixture.write(dir, "models/stg.sql", "select id, ver from {{ ref('base') }}\n");
        SafetyFixture.write(dir, "models/stg2.sql", "select id, ver from {{ ref('stg') }}\n");
        return dir;
    }

    static Path writeWithTable(Path dir, int rows) throws IOException {
        writeProject(dir, rows);
        SafetyFixture.write(dir, "models/totals.sql", "{{ config(materialized='table') }}\n"
                + "select count(*) as n from {{ ref('stg') }}\n");
        return dir;
    }

    /** base.csv with ids 1..rows, each row's ver 'r<rows>' so that a reader tells the versions apart. */
    static void writeSeed(Path dir, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("id,ver\n");
        for (int id = 1; id <= rows; id++) {
            csv.append(id).append(",r").append(rows).append('\n');
        }
        SafetyFixture.write(dir, "seeds/base.csv", csv.toString());
    }

    private Warehouse warehouse(Path project, boolean isProtected, String select) {
        log = new SafetyFixture.RecordingLog();
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("selective")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target(isProtected)))
                .explicitTarget(target(isProtected).name()).explicitUser("selective_tester")
                .systemUserName("selective_tester").userHome(project.resolve("no-home")).lockTimeoutSeconds(30)
                .select(select).projectVersion("1.0").log(log).build());
    }

    protected List<NodeResult> deploy(Path project, String select) throws WarehouseException {
        try {
            return warehouse(project, true, select).deploy();
        } catch (WarehouseException e) {
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + log, e.getHint(), e);
        }
    }

    protected List<NodeResult> buildInPlace(Path project, String select) throws WarehouseException {
        try {
            return warehouse(project, false, select).build();
        } catch (WarehouseException e) {
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + log, e.getHint(), e);
        }
    }

    /** "rows/versions" a relation serves, e.g. "6/r6". */
    protected String serves(String relation) throws SQLException {
        return db.value("select count(*) || '/' || coalesce(min(ver), '-') || coalesce(nullif('..' || max(ver),"
                + " '..' || min(ver)), '') from " + q(relation)).toString();
    }

    /** Every relation of the schema but the state tables: kind. */
    protected Map<String, String> relations() throws SQLException {
        return new TreeMap<>(db.relations(schema));
    }

    @Test
    void aSelectiveDeployOfASeedLeavesTheViewsOverItServingTheNewRows() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 5);
        deploy(project, null);
        assertThat(serves("stg2")).isEqualTo("5/r5");

        writeSeed(project, 6);
        deploy(project, "base");
        assertThat(serves("base")).isEqualTo("6/r6");
        assertThat(serves("stg")).as("stg, left out of the selection").isEqualTo("6/r6");
        assertThat(serves("stg2")).as("stg2, over stg").isEqualTo("6/r6");

        // the next selective deploy drops base's kept version: the views are not bound to it
        writeSeed(project, 7);
        deploy(project, "base");
        assertThat(relations()).containsEntry("stg", "VIEW").containsEntry("stg2", "VIEW");
        assertThat(serves("stg")).isEqualTo("7/r7");
        assertThat(serves("stg2")).isEqualTo("7/r7");

        // rollback puts base's previous rows back, and the views follow it
        warehouse(project, true, null).rollback();
        assertThat(serves("base")).isEqualTo("6/r6");
        assertThat(serves("stg")).isEqualTo("6/r6");
        assertThat(serves("stg2")).isEqualTo("6/r6");
    }

    @Test
    void aSelectiveDeployOfAViewLeavesTheViewsOverItReadingTheNewVersion() throws Exception {
        Path project = writeProject(tmp.resolve("project"), 5);
        deploy(project, null);

        SafetyFixture.write(project, "models/stg.sql", "select id, ver from {{ ref('base') }} where id > 1\n");
        deploy(project, "stg");
        assertThat(serves("stg")).isEqualTo("4/r5");
        assertThat(serves("stg2")).as("stg2, left out of the selection").isEqualTo("4/r5");

        // and a second deploy of stg drops stg's kept version without taking stg2 along
        SafetyFixture.write(project, "models/stg.sql", "select id, ver from {{ ref('base') }} where id > 2\n");
        deploy(project, "stg");
        assertThat(relations()).containsEntry("stg2", "VIEW");
        assertThat(serves("stg2")).isEqualTo("3/r5");
    }

    @Test
    void aSelectiveDeployLeavingATableDownstreamIsRefusedNamingItWithNothingChanged() throws Exception {
        Path project = writeWithTable(tmp.resolve("project"), 5);
        deploy(project, null);
        Map<String, String> before = relations();

        writeSeed(project, 6);
        assertThatThrownBy(() -> deploy(project, "base")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining(schema + ".totals").hasMessageContaining("Nothing was changed")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("base+"));
        assertThat(relations()).as("no candidate built, nothing renamed").isEqualTo(before);
        assertThat(serves("base")).isEqualTo("5/r5");
        assertThat(db.value("select n from " + q("totals")).toString()).isEqualTo("5");

        // verify says it too, before building a candidate
        assertThatThrownBy(() -> warehouse(project, true, "base").build()).isInstanceOf(WarehouseException.class)
                .hasMessageContaining(schema + ".totals");
        assertThat(relations()).isEqualTo(before);

        deploy(project, "base+");
        assertThat(serves("stg2")).isEqualTo("6/r6");
        assertThat(db.value("select n from " + q("totals")).toString()).isEqualTo("6");
    }

    @Test
    void aSelectiveDeployLeavingOutAViewBetweenTwoItRebuildsIsRefused() throws Exception {
        Path project = writeWithTable(tmp.resolve("project"), 5);
        deploy(project, null);
        Map<String, String> before = relations();

        // totals would be rebuilt from stg, which is left out and still reads the old base
        writeSeed(project, 6);
        assertThatThrownBy(() -> deploy(project, "base totals")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("between").hasMessageContaining(schema + ".stg")
                .hasMessageContaining("Nothing was changed");
        assertThat(relations()).isEqualTo(before);
        assertThat(db.value("select n from " + q("totals")).toString()).isEqualTo("5");

        deploy(project, "base stg totals");
        assertThat(db.value("select n from " + q("totals")).toString()).isEqualTo("6");
        assertThat(serves("stg2")).isEqualTo("6/r6");
    }

    @Test
    void aSelectiveInPlaceBuildLeavesTheViewsOverTheSeedServingTheNewRows() throws Exception {
        Path project = writeWithTable(tmp.resolve("project"), 5);
        buildInPlace(project, null);

        writeSeed(project, 6);
        buildInPlace(project, "base");
        assertThat(serves("base")).isEqualTo("6/r6");
        assertThat(serves("stg")).isEqualTo("6/r6");
        assertThat(serves("stg2")).isEqualTo("6/r6");
        // in place, as in dbt, the table left out keeps its rows, and the build says so
        assertThat(db.value("select n from " + q("totals")).toString()).isEqualTo("5");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("[WARN]") && l.contains(schema + ".totals")
                && l.contains("base+"));
        assertThat(relations()).allSatisfy((name, kind) -> assertThat(name).doesNotContain("__wh_"));
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.ContractDatabase;

/**
 * dbt's indexes config on PostgreSQL: a table, a seed and an incremental table get their indexes
 * when they are built, in place and through a deploy's candidates, and keep them when replaced.
 */
class IndexesPostgresTest {
    @TempDir
    Path tmp;

    private ContractDatabase database;

    @BeforeEach
    void open() throws SQLException {
        database = ContractDatabase.postgres("whl_indexes_");
    }

    @AfterEach
    void close() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    private Path writeProject(int version) throws Exception {
        Path dir = tmp.resolve("indexed");
        SafetyFixture.write(dir, "dbt_project.yml", "name: indexed\nseeds:\n  indexed:\n"
                + "    +indexes: [{columns: [id], unique: true}]\n");
        SafetyFixture.write(dir, "seeds/base.csv", "id,kind\n1,a\n2,b\n");
        SafetyFixture.write(dir, "models/totals.sql", "{{ config(materialized='table', indexes=["
                + "{'columns': ['kind', 'id']}, {'columns': ['kind'], 'type': 'hash'}]) }}\n"
                + "select id, kind, " + version + " as v from {{ ref('base') }}\n");
        SafetyFixture.write(dir, "models/growing.sql", "{{ config(materialized='incremental', unique_key='id',"
                + " indexes=[{'columns': ['id']}]) }}\nselect id, kind from {{ ref('base') }}\n");
        SafetyFixture.write(dir, "snapshots/kinds.sql", "{% snapshot kinds %}{{ config(unique_key='id',"
                + " strategy='check', check_cols='all', indexes=[{'columns': ['id']}]) }}"
                + "select id, kind from {{ ref('base') }}{% endsnapshot %}\n");
        return dir;
    }

    private void build(Path project, boolean isProtected) throws Exception {
        TargetDefinition target = database.target(isProtected ? "prod" : "staging").protectedFlag(isProtected).build();
        Warehouse warehouse = new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("indexed")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("indexer").systemUserName("indexer")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(new SafetyFixture.RecordingLog()).build());
        if (isProtected) {
            warehouse.deploy();
        } else {
            warehouse.build();
        }
    }

    /** "table: definition" of each index of the schema's tables, without index names. */
    private List<String> indexes() throws SQLException {
        return database.db().rows("select tablename, regexp_replace(indexdef, 'INDEX \\S+ ON \\S+', 'INDEX ON') as d"
                + " from pg_indexes where schemaname = '" + database.schema() + "' and tablename not like '\\_%'"
                // the version a deploy keeps for a rollback has its indexes too
                + " and tablename not like '%\\_\\_wh\\_prev'"
                + " order by 1, 2").stream().map(r -> r.get("tablename") + ": " + r.get("d")).toList();
    }

    @Test
    void tablesAndSeedsGetTheirIndexesInPlaceAndThroughADeploy() throws Exception {
        List<String> expected = List.of(
                "base: CREATE UNIQUE INDEX ON USING btree (id)",
                "growing: CREATE INDEX ON USING btree (id)",
                "kinds: CREATE INDEX ON USING btree (id)",
                "totals: CREATE INDEX ON USING btree (kind, id)",
                "totals: CREATE INDEX ON USING hash (kind)");
        build(writeProject(1), false);
        assertThat(indexes()).containsExactlyElementsOf(expected);
        // replaced through a swap: the new table came with its own; the incremental table and the
        // snapshot stay, and keep the one index each they had
        build(writeProject(2), false);
        assertThat(indexes()).containsExactlyElementsOf(expected);
    }

    @Test
    void aDeployPromotesCandidatesThatHaveTheirIndexes() throws Exception {
        build(writeProject(1), true);
        build(writeProject(2), true);
        assertThat(indexes()).containsExactly(
                "base: CREATE UNIQUE INDEX ON USING btree (id)",
                "growing: CREATE INDEX ON USING btree (id)",
                "kinds: CREATE INDEX ON USING btree (id)",
                "totals: CREATE INDEX ON USING btree (kind, id)",
                "totals: CREATE INDEX ON USING hash (kind)");
        assertThat(database.db().value("select max(v) from \"" + database.schema() + "\".totals")).isEqualTo(2);
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * dbt's snapshots, checked in the history table: the first build records every row as current; a
 * later one closes the changed keys' versions and opens new ones (timestamp and check strategies),
 * and closes (or records as deleted) what the select no longer returns. A full refresh leaves the
 * history alone; on a protected target a failed deploy adds nothing and a successful one exactly
 * one run.
 *
 * <p>The project {@code snap}: a seed {@code orders} (id, status, updated_at), snapshots
 * {@code by_time} (timestamp, invalidate) and {@code by_check} (check on status, new_record), and a
 * view {@code current_orders} over by_time.
 */
abstract class SnapshotContract extends DialectContract {
    private Path writeProject(String orders) throws Exception {
        Path dir = tmp.resolve("snap");
        SafetyFixture.write(dir, "dbt_project.yml", "name: snap\n");
        SafetyFixture.write(dir, "seeds/orders.csv", "id,status,updated_at\n" + orders);
        SafetyFixture.write(dir, "snapshots/orders.sql", """
                {% snapshot by_time %}
                {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True) }}
                select * from {{ ref('orders') }}
                {% endsnapshot %}

                {% snapshot by_check %}
                {{ config(unique_key='id', strategy='check', check_cols=['status'], hard_deletes='new_record') }}
                select id, status from {{ ref('orders') }}
                {% endsnapshot %}
                """);
        SafetyFixture.write(dir, "models/current_orders.sql",
                "select id, status from {{ ref('by_time') }} where dbt_valid_to is null\n");
        return dir;
    }

    private void run(Path project, boolean isProtected, boolean fullRefresh) throws Exception {
        TargetDefinition target = target(isProtected);
        Warehouse warehouse = new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("snap")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("snapper").systemUserName("snapper")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .fullRefresh(fullRefresh).log(new SafetyFixture.RecordingLog()).build());
        if (isProtected) {
            warehouse.deploy();
        } else {
            warehouse.build();
        }
    }

    /** "id status current" of each version, oldest first. */
    private List<String> history(String snapshot, String extra) throws Exception {
        return db.rows("select id, status" + extra + ", case when dbt_valid_to is null then 'current' else 'closed' end"
                + " as state from \"" + schema + "\"." + snapshot + " order by id, dbt_valid_from").stream()
                .map(r -> r.get("id") + " " + r.get("status") + (extra.isEmpty() ? "" : " " + r.get("dbt_is_deleted"))
                        + " " + r.get("state")).toList();
    }

    @Test
    void aBuildRecordsChangesNewKeysAndDeletes() throws Exception {
        run(writeProject("1,new,2024-01-01 00:00:00\n2,new,2024-01-01 00:00:00\n"), false, false);
        assertThat(history("by_time", "")).containsExactly("1 new current", "2 new current");

        run(writeProject("1,shipped,2024-01-02 00:00:00\n3,new,2024-01-02 00:00:00\n"), false, false);
        assertThat(history("by_time", "")).containsExactly("1 new closed", "1 shipped current", "2 new closed",
                "3 new current");
        assertThat(history("by_check", ", dbt_is_deleted")).containsExactly("1 new False closed",
                "1 shipped False current", "2 new False closed", "2 new True current", "3 new False current");
        assertThat(db.count("\"" + schema + "\".current_orders")).isEqualTo(2);

        // a deleted key comes back: its deletion record closes, a new version opens
        run(writeProject("1,shipped,2024-01-02 00:00:00\n2,back,2024-01-03 00:00:00\n3,new,2024-01-02 00:00:00\n"),
                false, false);
        assertThat(history("by_check", ", dbt_is_deleted")).containsExactly("1 new False closed",
                "1 shipped False current", "2 new False closed", "2 new True closed", "2 back False current",
                "3 new False current");
    }

    /** manifest.json and run_results.json with snapshot nodes, as dbt tooling reads them. */
    @Test
    void theArtifactsWithSnapshotsValidateAgainstDbtsSchemas() throws Exception {
        org.sqlwarehouse.testing.DbtSchemas.assumeAvailable();
        Path project = writeProject("1,new,2024-01-01 00:00:00\n");
        run(project, false, false);
        assertThat(org.sqlwarehouse.testing.DbtSchemas.violations(project.resolve("target/warehouse/manifest.json"),
                org.sqlwarehouse.testing.DbtSchemas.MANIFEST)).isEmpty();
        assertThat(org.sqlwarehouse.testing.DbtSchemas.violations(project.resolve(
                "target/warehouse/run_results.json"), org.sqlwarehouse.testing.DbtSchemas.RUN_RESULTS)).isEmpty();
        assertThat(java.nio.file.Files.readString(project.resolve("target/warehouse/run_results.json")))
                .contains("\"unique_id\" : \"snapshot.snap.by_time\"");
    }

    @Test
    void aFullRefreshLeavesTheHistoryAlone() throws Exception {
        run(writeProject("1,new,2024-01-01 00:00:00\n"), false, false);
        run(writeProject("1,shipped,2024-01-02 00:00:00\n"), false, true);
        assertThat(history("by_time", "")).containsExactly("1 new closed", "1 shipped current");
    }

    @Test
    void aFailedDeployAddsNothingAndASuccessfulOneExactlyOneRun() throws Exception {
        run(writeProject("1,new,2024-01-01 00:00:00\n"), true, false);
        Path project = writeProject("1,shipped,2024-01-02 00:00:00\n");
        SafetyFixture.write(project, "tests/nothing_shipped.sql",
                "select * from {{ ref('by_time') }} where status = 'shipped'\n");
        assertThatThrownBy(() -> run(project, true, false)).isInstanceOf(BuildFailedException.class);
        assertThat(history("by_time", "")).containsExactly("1 new current");

        java.nio.file.Files.delete(project.resolve("tests/nothing_shipped.sql"));
        run(project, true, false);
        assertThat(history("by_time", "")).containsExactly("1 new closed", "1 shipped current");
    }

    @Test
    void aSnapshotWithoutItsConfigFailsTheCompileNamingIt() throws Exception {
        Path project = writeProject("1,new,2024-01-01 00:00:00\n");
        SafetyFixture.write(project, "snapshots/orders.sql", """
                {% snapshot by_time %}
                {{ config(strategy='timestamp') }}
                select * from {{ ref('orders') }}
                {% endsnapshot %}
                """);
        assertThatThrownBy(() -> run(project, false, false))
                .hasMessageContaining("snapshots/orders.sql: snapshot 'by_time' needs a unique_key config")
                .hasMessageContaining("snapshot 'by_time' uses strategy 'timestamp', which needs an updated_at config");
    }
}

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
 * view {@code current_orders} over by_time. The project {@code yaml-snap} (dbt 1.9): snapshots
 * defined in YAML over a source table the test writes ({@code <schema>_raw.orders}) and over a model,
 * with renamed meta columns, the schema config, property-file config and tests, dbt_valid_to_current.
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
        run(project, isProtected, fullRefresh, null);
    }

    private void run(Path project, boolean isProtected, boolean fullRefresh, String select) throws Exception {
        TargetDefinition target = target(isProtected);
        Warehouse warehouse = new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("snap")
                .select(select)
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

    // dbt 1.9: snapshots defined in YAML, renamed meta columns, schema config, dbt_valid_to_current

    /** The source table raw.orders, in the sibling schema {@code <schema>_raw}, holding exactly these rows. */
    private void rawOrders(String values) throws Exception {
        String raw = "\"" + schema + "_raw\"";
        db.execute("create schema if not exists " + raw);
        db.execute("create table if not exists " + raw + ".orders (id integer, status varchar(20), updated_at timestamp)");
        db.execute("delete from " + raw + ".orders");
        db.execute("insert into " + raw + ".orders values " + values);
    }

    /**
     * The project {@code snap} over the source raw.orders: YAML snapshots {@code from_source} (timestamp,
     * hard deletes ignored) and {@code from_ref} (check on status, invalidate) of the model stg_orders,
     * with a model over from_ref; plus the files given.
     */
    private Path writeYamlProject(String... files) throws Exception {
        Path dir = tmp.resolve("yaml-snap");
        SafetyFixture.write(dir, "dbt_project.yml", "name: snap\n");
        SafetyFixture.write(dir, "models/sources.yml", """
                sources:
                  - name: raw
                    schema: %s_raw
                    tables: [{name: orders}]
                """.formatted(schema));
        SafetyFixture.write(dir, "models/stg_orders.sql", "select * from {{ source('raw', 'orders') }}\n");
        SafetyFixture.write(dir, "models/current_from_ref.sql",
                "select id, status from {{ ref('from_ref') }} where dbt_valid_to is null\n");
        SafetyFixture.write(dir, "snapshots/orders.yml", """
                snapshots:
                  - name: from_source
                    relation: source('raw', 'orders')
                    config:
                      unique_key: id
                      strategy: timestamp
                      updated_at: updated_at
                  - name: from_ref
                    relation: ref('stg_orders')
                    config:
                      unique_key: id
                      strategy: check
                      check_cols: [status]
                      hard_deletes: invalidate
                """);
        for (int i = 0; i < files.length; i += 2) {
            SafetyFixture.write(dir, files[i], files[i + 1]);
        }
        return dir;
    }

    @Test
    void yamlSnapshotsOfASourceAndOfARefRecordTheirHistoryAndCanBeRefd() throws Exception {
        Path project = writeYamlProject();
        rawOrders("(1, 'new', '2024-01-01 00:00:00'), (2, 'new', '2024-01-01 00:00:00')");
        run(project, false, false);
        assertThat(history("from_source", "")).containsExactly("1 new current", "2 new current");
        assertThat(history("from_ref", "")).containsExactly("1 new current", "2 new current");

        rawOrders("(1, 'shipped', '2024-01-02 00:00:00'), (3, 'new', '2024-01-02 00:00:00')");
        run(project, false, false);
        assertThat(history("from_source", "")).containsExactly("1 new closed", "1 shipped current", "2 new current",
                "3 new current");
        assertThat(history("from_ref", "")).containsExactly("1 new closed", "1 shipped current", "2 new closed",
                "3 new current");
        assertThat(db.rows("select id, status from \"" + schema + "\".current_from_ref order by id")).extracting(
                r -> r.get("id") + " " + r.get("status")).containsExactly("1 shipped", "3 new");
        String manifest = java.nio.file.Files.readString(project.resolve("target/warehouse/manifest.json"));
        assertThat(manifest).contains("\"snapshot.snap.from_source\"").contains("\"snapshot.snap.from_ref\"")
                .contains("\"original_file_path\":\"snapshots/orders.yml\"");
    }

    @Test
    void aYamlSnapshotIsSelectable() throws Exception {
        rawOrders("(1, 'new', '2024-01-01 00:00:00')");
        run(writeYamlProject(), false, false, "from_source");
        assertThat(db.relations(schema)).containsOnlyKeys("from_source");
        assertThat(history("from_source", "")).containsExactly("1 new current");
    }

    /**
     * snapshot_meta_column_names renames every meta column (YAML, timestamp) or some (a block, check):
     * inserts, closes, hard deletes and new_record's deletion rows use the configured names.
     */
    @Test
    void renamedMetaColumnsAreUsedForEveryChangeAndDeletion() throws Exception {
        Path project = writeYamlProject("snapshots/renamed.yml", """
                snapshots:
                  - name: renamed_by_time
                    relation: source('raw', 'orders')
                    config:
                      unique_key: id
                      strategy: timestamp
                      updated_at: updated_at
                      hard_deletes: new_record
                      snapshot_meta_column_names:
                        dbt_valid_from: valid_from
                        dbt_valid_to: valid_to
                        dbt_scd_id: version_id
                        dbt_updated_at: changed_at
                        dbt_is_deleted: is_deleted
                """, "snapshots/renamed_by_check.sql", """
                {% snapshot renamed_by_check %}
                {{ config(unique_key='id', strategy='check', check_cols=['status'], hard_deletes='new_record',
                          snapshot_meta_column_names={'dbt_valid_from': 'valid_from', 'dbt_valid_to': 'valid_to',
                                                      'dbt_is_deleted': 'deleted'}) }}
                select id, status from {{ source('raw', 'orders') }}
                {% endsnapshot %}
                """);
        rawOrders("(1, 'new', '2024-01-01 00:00:00'), (2, 'new', '2024-01-01 00:00:00')");
        run(project, false, false);
        assertThat(db.columns(schema, "renamed_by_time")).containsOnlyKeys("id", "status", "updated_at",
                "version_id", "changed_at", "valid_from", "valid_to", "is_deleted");
        assertThat(db.columns(schema, "renamed_by_check")).containsOnlyKeys("id", "status", "dbt_scd_id",
                "dbt_updated_at", "valid_from", "valid_to", "deleted");

        rawOrders("(1, 'shipped', '2024-01-02 00:00:00'), (3, 'new', '2024-01-02 00:00:00')");
        run(project, false, false);
        rawOrders("(1, 'shipped', '2024-01-02 00:00:00'), (2, 'back', '2024-01-03 00:00:00'),"
                + " (3, 'new', '2024-01-02 00:00:00')");
        run(project, false, false);
        // the deletion row is valid from the run's moment; with timestamp, the key's return from its updated_at
        assertThat(renamedHistory("renamed_by_time", "is_deleted")).containsExactly("1 new False closed",
                "1 shipped False current", "2 new False closed", "2 back False current", "2 new True closed",
                "3 new False current");
        assertThat(renamedHistory("renamed_by_check", "deleted")).containsExactly("1 new False closed",
                "1 shipped False current", "2 new False closed", "2 new True closed", "2 back False current",
                "3 new False current");
        assertThat(db.value("select count(distinct version_id) from \"" + schema + "\".renamed_by_time"))
                .hasToString("6");
    }

    /** "id status deleted current" of each version, oldest first, read through the renamed columns. */
    private List<String> renamedHistory(String snapshot, String deleted) throws Exception {
        return db.rows("select id, status, " + deleted + " as deleted, case when valid_to is null then 'current'"
                + " else 'closed' end as state from \"" + schema + "\"." + snapshot + " order by id, valid_from")
                .stream().map(r -> r.get("id") + " " + r.get("status") + " " + r.get("deleted") + " "
                        + r.get("state")).toList();
    }

    /**
     * dbt 1.9's schema config goes through generate_schema_name as a model's (target schema + _history);
     * the legacy target_schema is used as written.
     */
    @Test
    void theSchemaConfigPlacesTheHistoryAsAModelsSchema() throws Exception {
        Path project = writeYamlProject("snapshots/placed.yml", """
                snapshots:
                  - name: in_history
                    relation: ref('stg_orders')
                    config: {unique_key: id, strategy: check, check_cols: all, schema: history}
                  - name: by_target_schema
                    relation: ref('stg_orders')
                    config: {unique_key: id, strategy: check, check_cols: all, target_schema: %s_history}
                """.formatted(schema));
        rawOrders("(1, 'new', '2024-01-01 00:00:00')");
        run(project, false, false);
        rawOrders("(1, 'shipped', '2024-01-02 00:00:00')");
        run(project, false, false);
        assertThat(db.relations(schema + "_history")).containsOnlyKeys("in_history", "by_target_schema");
        assertThat(db.relations(schema)).doesNotContainKeys("in_history", "by_target_schema");
        assertThat(db.rows("select status, dbt_valid_to is null as current from \"" + schema + "_history\".in_history"
                + " order by dbt_valid_from")).extracting(r -> r.get("status") + " " + r.get("current"))
                .containsExactly("new false", "shipped true");
    }

    /**
     * A block snapshot configured in a property file (no config() of its own), with a data test on a
     * column there; dbt_valid_to_current marks current versions, and versions recorded before it was
     * set (null) still count as current.
     */
    @Test
    void aPropertyFileConfiguresAndTestsABlockSnapshotAndDbtValidToCurrentMarksCurrentVersions() throws Exception {
        Path project = writeYamlProject("snapshots/plain.sql", """
                {% snapshot plain %}
                select id, status from {{ source('raw', 'orders') }}
                {% endsnapshot %}
                """, "snapshots/plain.yml", """
                snapshots:
                  - name: plain
                    config: {unique_key: id, strategy: check, check_cols: [status]}
                    columns:
                      - name: status
                        data_tests:
                          - accepted_values: {values: [new, shipped]}
                """);
        rawOrders("(1, 'new', '2024-01-01 00:00:00'), (2, 'new', '2024-01-01 00:00:00')");
        run(project, false, false);
        SafetyFixture.write(project, "snapshots/plain.yml", """
                snapshots:
                  - name: plain
                    config: {unique_key: id, strategy: check, check_cols: [status],
                             dbt_valid_to_current: "'9999-12-31'"}
                    columns:
                      - name: status
                        data_tests:
                          - accepted_values: {values: [new, shipped]}
                """);
        rawOrders("(1, 'shipped', '2024-01-02 00:00:00'), (2, 'new', '2024-01-01 00:00:00')");
        run(project, false, false);
        rawOrders("(1, 'shipped', '2024-01-02 00:00:00'), (2, 'shipped', '2024-01-03 00:00:00')");
        run(project, false, false);
        assertThat(db.rows("select id, status, case when dbt_valid_to is null then 'null' when dbt_valid_to = "
                + "cast('9999-12-31' as timestamp) then 'far' else 'closed' end as valid_to from \"" + schema
                + "\".plain order by id, dbt_valid_from")).extracting(r -> r.get("id") + " " + r.get("status") + " "
                        + r.get("valid_to")).containsExactly("1 new closed", "1 shipped far", "2 new closed",
                                "2 shipped far");

        // the property file's test runs on the snapshot: a status it does not accept fails the build
        rawOrders("(1, 'lost', '2024-01-04 00:00:00'), (2, 'shipped', '2024-01-03 00:00:00')");
        assertThatThrownBy(() -> run(project, false, false)).isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("accepted_values_plain_status");
    }

    /**
     * A history recorded before hard_deletes new_record gets its dbt_is_deleted column (as in dbt); one
     * whose meta columns are not the configured names is refused, naming them, and left as it is.
     */
    @Test
    void anExistingHistoryGetsDbtIsDeletedAndRefusesMetaColumnsItDoesNotHave() throws Exception {
        String snapshot = """
                snapshots:
                  - name: from_source
                    relation: source('raw', 'orders')
                    config: {unique_key: id, strategy: timestamp, updated_at: updated_at%s}
                """;
        rawOrders("(1, 'new', '2024-01-01 00:00:00'), (2, 'new', '2024-01-01 00:00:00')");
        run(writeYamlProject(), false, false);
        rawOrders("(1, 'new', '2024-01-01 00:00:00')");
        run(writeYamlProject("snapshots/orders.yml", snapshot.formatted(", hard_deletes: new_record"),
                "models/current_from_ref.sql", "select 1 as id\n"), false, false);
        assertThat(history("from_source", ", dbt_is_deleted")).containsExactly("1 new null current",
                "2 new null closed", "2 new True current");

        Path renamed = writeYamlProject("snapshots/orders.yml",
                snapshot.formatted(", snapshot_meta_column_names: {dbt_valid_to: valid_to, dbt_scd_id: version_id}"),
                "models/current_from_ref.sql", "select 1 as id\n");
        assertThatThrownBy(() -> run(renamed, false, false)).isInstanceOf(BuildFailedException.class);
        assertThat(java.nio.file.Files.readString(renamed.resolve("target/warehouse/run_results.json")))
                .contains("has no column version_id, valid_to");
        assertThat(history("from_source", ", dbt_is_deleted")).containsExactly("1 new null current",
                "2 new null closed", "2 new True current");
    }
}

package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * Snapshots in property files as a compile sees them (dbt 1.9): a {@code relation:} entry is a
 * snapshot node selecting all of that relation, named, placed and configured as a block snapshot
 * would be; config precedence is config() over the property file over dbt_project.yml; what dbt
 * refuses (a relation that is no ref or source, a taken name, a bad snapshot_meta_column_names or a
 * target_database elsewhere) fails the compile naming the file.
 */
class SnapshotPropertiesTest {
    @TempDir
    Path dir;

    private ResolvedTarget target;

    @BeforeEach
    void setUp() throws Exception {
        target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build(),
                "dbt_", "alice", null);
        write("dbt_project.yml", """
                name: shop
                snapshots:
                  shop:
                    +strategy: check
                    +check_cols: all
                    history:
                      +unique_key: order_id
                """);
        write("models/orders.sql", "select 1 as order_id");
    }

    private void write(String relative, String content) throws IOException {
        ProjectFiles.write(dir, relative, content);
    }

    private CompiledProject compile() throws WarehouseException {
        return new ProjectCompiler().compile(ProjectLoader.load(dir, "fallback"), new CompileSettings(target,
                new DuckDbDialect(), Map.of(), Map.of(), BuildLog.SILENT));
    }

    private String compileFails() {
        Throwable thrown = catchThrowable(this::compile);
        assertThat(thrown).isInstanceOf(WarehouseException.class);
        return thrown.getMessage();
    }

    @Test
    void aRelationEntryIsASnapshotNodeWithItsFolderConfigAndRefs() throws Exception {
        write("snapshots/history/orders.yml", """
                snapshots:
                  - name: orders_history
                    relation: ref('orders')
                    config:
                      schema: history
                      snapshot_meta_column_names: {dbt_valid_from: valid_from}
                """);
        write("models/current.sql", "select * from {{ ref('orders_history') }}");
        CompiledProject project = compile();
        CompiledNode snapshot = project.nodes().get("snapshot.shop.orders_history");
        assertThat(snapshot.fqn()).containsExactly("shop", "history", "orders_history");
        assertThat(snapshot.originalFilePath()).isEqualTo("snapshots/history/orders.yml");
        assertThat(snapshot.compiledSql()).isEqualTo("select * from \"dbt_alice\".\"orders\"");
        assertThat(snapshot.dependsOn()).containsExactly("model.shop.orders");
        assertThat(snapshot.config()).containsEntry("unique_key", "order_id").containsEntry("strategy", "check")
                .containsEntry("snapshot_meta_column_names", Map.of("dbt_valid_from", "valid_from"));
        assertThat(snapshot.relation().getSchema()).isEqualTo("dbt_alice_history");
        assertThat(snapshot.compiledPath()).isEqualTo("snapshots/history/orders/orders_history.sql");
        assertThat(project.nodes().get("model.shop.current").dependsOn())
                .containsExactly("snapshot.shop.orders_history");
    }

    @Test
    void aBlocksConfigCallWinsOverItsPropertyFileWhichWinsOverTheProject() throws Exception {
        write("snapshots/orders.sql", """
                {% snapshot orders_history %}
                {{ config(check_cols=['order_id']) }}
                select * from {{ ref('orders') }}
                {% endsnapshot %}
                """);
        write("snapshots/orders.yml", """
                snapshots:
                  - name: orders_history
                    config: {unique_key: order_id, strategy: check, check_cols: all, hard_deletes: invalidate}
                    columns:
                      - name: order_id
                        data_tests: [not_null]
                """);
        CompiledProject project = compile();
        assertThat(project.nodes().get("snapshot.shop.orders_history").config())
                .containsEntry("check_cols", List.of("order_id")).containsEntry("hard_deletes", "invalidate")
                .containsEntry("unique_key", "order_id");
        assertThat(project.nodes().values()).filteredOn(CompiledNode::isTest).extracting(CompiledNode::name)
                .containsExactly("not_null_orders_history_order_id");
    }

    @Test
    void aRelationThatIsNoRefOrSourceFailsNamingTheFile() throws Exception {
        write("snapshots/orders.yml", """
                snapshots:
                  - name: orders_history
                    relation: main.orders
                    config: {unique_key: order_id}
                """);
        assertThat(compileFails()).contains("snapshots/orders.yml: snapshot 'orders_history' has relation "
                + "'main.orders'; it must be a ref() or source() call");
    }

    @Test
    void aYamlSnapshotNamedAsAModelFails() throws Exception {
        write("snapshots/orders.yml", """
                snapshots:
                  - name: orders
                    relation: ref('orders')
                    config: {unique_key: order_id}
                """);
        assertThat(compileFails()).contains("Two nodes are named 'orders': models/orders.sql and "
                + "snapshots/orders.yml");
    }

    @Test
    void badMetaColumnNamesAndAnotherTargetDatabaseFailTheCompile() throws Exception {
        write("snapshots/orders.yml", """
                snapshots:
                  - name: orders_history
                    relation: ref('orders')
                    config:
                      unique_key: order_id
                      target_database: elsewhere
                      snapshot_meta_column_names: {dbt_valid_since: since, dbt_valid_from: x, dbt_valid_to: x}
                """);
        assertThat(compileFails())
                .contains("snapshots/orders.yml: snapshot 'orders_history' renames 'dbt_valid_since' in "
                        + "snapshot_meta_column_names, which is not a meta column")
                .contains("renames 'dbt_valid_to' to 'x' in snapshot_meta_column_names; each meta column needs a "
                        + "name of its own")
                .contains("builds into database 'elsewhere' (target_database)");
    }

    @Test
    void dbtProjectYmlSetsSnapshotConfigsWithoutThePlus() throws Exception {
        write("dbt_project.yml", """
                name: shop
                snapshots:
                  shop:
                    strategy: timestamp
                    updated_at: loaded_at
                    hard_deletes: new_record
                    snapshot_meta_column_names: {dbt_valid_to: valid_to}
                """);
        write("snapshots/orders.yml", """
                snapshots:
                  - name: orders_history
                    relation: ref('orders')
                    config: {unique_key: order_id, snapshot_meta_column_names: {dbt_valid_from: valid_from}}
                """);
        assertThat(compile().nodes().get("snapshot.shop.orders_history").config())
                .containsEntry("strategy", "timestamp").containsEntry("updated_at", "loaded_at")
                .containsEntry("hard_deletes", "new_record").containsEntry("snapshot_meta_column_names",
                        Map.of("dbt_valid_to", "valid_to", "dbt_valid_from", "valid_from"));
    }

    /** Jinja in a snapshot's YAML config is rendered as a model's, before the compile. */
    @Test
    void templatesInASnapshotsYamlConfigAreRendered() throws Exception {
        write("snapshots/orders.yml", """
                snapshots:
                  - name: orders_history
                    relation: ref('orders')
                    config: {unique_key: order_id, schema: "{{ target.name }}_history"}
                """);
        CompileSettings settings = new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of(),
                BuildLog.SILENT);
        CompiledProject project = new ProjectCompiler().compile(YamlTemplates.render(ProjectLoader.load(dir,
                "fallback"), settings), settings);
        assertThat(project.nodes().get("snapshot.shop.orders_history").relation().getSchema())
                .isEqualTo("dbt_alice_dev_history");
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * An incremental model whose columns change, with on_schema_change: sync_all_columns: the table
 * takes the new columns, drops the gone ones and retypes the changed ones, keeping its rows.
 * Checked in the database.
 */
abstract class SchemaChangeContract extends DialectContract {
    private void build(String select) throws Exception {
        Path project = tmp.resolve("changing");
        SafetyFixture.write(project, "dbt_project.yml", "name: changing\n");
        SafetyFixture.write(project, "models/events.sql", "{{ config(materialized='incremental', unique_key='id',"
                + " on_schema_change='sync_all_columns') }}\n" + select + "\n");
        TargetDefinition target = target(false);
        new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("changing")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("changer").systemUserName("changer")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(new SafetyFixture.RecordingLog()).build()).build();
    }

    @Test
    void syncAllColumnsAddsDropsAndRetypesKeepingTheRows() throws Exception {
        build("select 1 as id, 10 as amount, 'x' as note union all select 2, 20, 'y'");
        build("select 2 as id, cast('twenty' as varchar) as amount, 7 as score union all "
                + "select 3, 'thirty', 8");

        Map<String, String> columns = db.columns(schema, "events");
        assertThat(columns.keySet()).containsExactlyInAnyOrder("id", "amount", "score");
        assertThat(columns.get("amount").toLowerCase()).containsAnyOf("char", "text");
        assertThat(db.rows("select id, amount, score from \"" + schema + "\".events order by id"))
                .extracting(r -> r.get("id") + ":" + r.get("amount") + ":" + r.get("score"))
                .containsExactly("1:10:null", "2:twenty:7", "3:thirty:8");
    }
}

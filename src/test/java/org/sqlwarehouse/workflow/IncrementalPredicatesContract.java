package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * incremental_predicates, as dbt applies them: added to the merge's match and to delete+insert's
 * delete, naming the target DBT_INTERNAL_DEST, so a target row outside them is not touched even when
 * its unique key comes again. Checked in the database.
 */
abstract class IncrementalPredicatesContract extends DialectContract {
    private void build(String strategy, String select) throws Exception {
        Path project = tmp.resolve("predicates");
        SafetyFixture.write(project, "dbt_project.yml", "name: predicates\n");
        SafetyFixture.write(project, "models/events.sql", "{{ config(materialized='incremental', unique_key='id',"
                + " incremental_strategy='" + strategy + "',"
                + " incremental_predicates=['DBT_INTERNAL_DEST.day >= 2']) }}\n" + select + "\n");
        buildProject(project);
    }

    private List<String> rows() throws Exception {
        return db.rows("select id, day, note from \"" + schema + "\".events order by id, note").stream()
                .map(r -> r.get("id") + ":" + r.get("day") + ":" + r.get("note")).toList();
    }

    private static final String FIRST = "select 1 as id, 1 as day, 'old' as note union all select 2, 2, 'old'";
    private static final String SECOND = "select 1 as id, 1 as day, 'new' as note union all select 2, 2, 'new'";

    @Test
    void mergeLeavesTargetRowsOutsideThePredicates() throws Exception {
        build("merge", FIRST);
        build("merge", SECOND);

        // id 1 lies outside the predicate: not matched, so its old row stays and the new one is inserted
        assertThat(rows()).containsExactly("1:1:new", "1:1:old", "2:2:new");
    }

    @Test
    void deleteInsertDeletesOnlyRowsInsideThePredicates() throws Exception {
        build("delete+insert", FIRST);
        build("delete+insert", SECOND);

        assertThat(rows()).containsExactly("1:1:new", "1:1:old", "2:2:new");
    }

    @Test
    void predicatesMayNameTheNewRowsToo() throws Exception {
        Path project = tmp.resolve("predicates");
        SafetyFixture.write(project, "dbt_project.yml", "name: predicates\n");
        String model = "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge',"
                + " incremental_predicates=[\"DBT_INTERNAL_DEST.note <> 'frozen'\","
                + " 'DBT_INTERNAL_SOURCE.day >= DBT_INTERNAL_DEST.day']) }}\n";
        SafetyFixture.write(project, "models/events.sql", model
                + "select 1 as id, 1 as day, 'frozen' as note union all select 2, 2, 'old'\n");
        buildProject(project);
        SafetyFixture.write(project, "models/events.sql", model
                + "select 1 as id, 5 as day, 'new' as note union all select 2, 3, 'new'\n");
        buildProject(project);

        assertThat(rows()).containsExactly("1:1:frozen", "1:5:new", "2:3:new");
    }

    private void buildProject(Path project) throws Exception {
        TargetDefinition target = target(false);
        new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("predicates")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("builder").systemUserName("builder")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(new SafetyFixture.RecordingLog()).build()).build();
    }
}

package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * Every name one build uses is its own: two models building one relation, or a model named like
 * another's temporary relation, fail the compile naming both files, before the database is touched.
 */
class NameClashesTest {
    @TempDir
    Path tmp;

    private Warehouse warehouse(Path project) {
        TargetDefinition target = DevFixture.devTarget("duckdb", tmp);
        return new Warehouse(DevFixture.request(project, target, "whn_clash", "dbt_", BuildLog.SILENT));
    }

    @Test
    void twoModelsWithOneAliasFail() throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        ProjectFiles.write(project, "models/orders.sql", "{{ config(alias='facts') }}select 1 as id\n");
        ProjectFiles.write(project, "models/orders_v2.sql", "{{ config(alias='facts') }}select 2 as id\n");

        assertThatThrownBy(() -> warehouse(project).compile())
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("dbt_whn_clash.facts")
                .hasMessageContaining("models/orders.sql").hasMessageContaining("models/orders_v2.sql")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("alias"));
    }

    @Test
    void aModelNamedLikeAnothersTemporaryRelationFails() throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        ProjectFiles.write(project, "models/orders.sql", "select 1 as id\n");
        ProjectFiles.write(project, "models/orders__wh_tmp.sql", "select 2 as id\n");

        assertThatThrownBy(() -> warehouse(project).compile())
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("dbt_whn_clash.orders__wh_tmp")
                .hasMessageContaining("__wh_tmp relation of models/orders.sql");
    }

    @Test
    void longNamesThatJavaHashesAlikeDoNotClash() throws Exception {
        Path project = DevFixture.writeProject(tmp.resolve("project"));
        ProjectFiles.write(project, "models/orders_by_customer_and_region_and_channel_and_week_total_Aa.sql",
                "select 1 as v\n");
        ProjectFiles.write(project, "models/orders_by_customer_and_region_and_channel_and_week_total_BB.sql",
                "select 2 as v\n");

        assertThat(warehouse(project).compile().nodes()).hasSize(4);
    }
}

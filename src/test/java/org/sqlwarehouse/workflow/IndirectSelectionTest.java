package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.dialect.DuckDbDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.testing.ProjectFiles;

/**
 * warehouse.indirectSelection picks a selection's tests as dbt's --indirect-selection does: a test
 * on totals reading its ancestor orders, and one reading customers, outside the selection's
 * lineage.
 */
class IndirectSelectionTest {
    @TempDir
    Path dir;

    private CompiledProject compiled() throws Exception {
        ProjectFiles.write(dir, "dbt_project.yml", "name: shop\n");
        ProjectFiles.write(dir, "models/orders.sql", "select 1 as id, 1 as customer_id");
        ProjectFiles.write(dir, "models/customers.sql", "select 1 as id");
        ProjectFiles.write(dir, "models/totals.sql", "select customer_id from {{ ref('orders') }}");
        ProjectFiles.write(dir, "models/schema.yml", "version: 2\nmodels:\n  - name: totals\n    columns:\n"
                + "      - name: customer_id\n        tests:\n          - not_null\n"
                + "          - relationships:\n              to: ref('orders')\n              field: customer_id\n"
                + "          - relationships:\n              to: ref('customers')\n              field: id\n");
        ResolvedTarget target = ResolvedTarget.resolve(TargetDefinition.builder("dev").type("duckdb").path("x.duckdb")
                .build(), "dbt_", "alice", null);
        return new ProjectCompiler().compile(ProjectLoader.load(dir, "fallback"),
                new CompileSettings(target, new DuckDbDialect(), Map.of(), Map.of()));
    }

    private List<String> tests(CompiledProject project, String mode) throws WarehouseException {
        return RunSelection.narrow(project, "totals", null, false, mode).nodes().keySet().stream()
                .filter(id -> id.startsWith("test.")).map(id -> id.substring("test.shop.".length()))
                .map(name -> name.replaceAll("\\.[0-9a-f]+$", "")).sorted().toList();
    }

    @Test
    void eachModePicksTheTestsDbtPicks() throws Exception {
        CompiledProject project = compiled();
        String toOrders = "relationships_totals_customer_id__customer_id__ref_orders_";
        String toCustomers = "relationships_totals_customer_id__id__ref_customers_";
        String notNull = "not_null_totals_customer_id";

        assertThat(tests(project, null)).containsExactly(notNull, toOrders, toCustomers);
        assertThat(tests(project, "eager")).containsExactly(notNull, toOrders, toCustomers);
        assertThat(tests(project, "cautious")).containsExactly(notNull);
        assertThat(tests(project, "buildable")).as("orders is upstream of the selection").containsExactly(notNull,
                toOrders);
        assertThat(tests(project, "EMPTY")).isEmpty();
        assertThat(RunSelection.narrow(project, "test_type:generic", null, false, "empty").nodes())
                .as("tests selected themselves stay").hasSize(3);
        assertThatThrownBy(() -> tests(project, "sometimes")).hasMessageContaining("not a mode of indirect");
    }
}

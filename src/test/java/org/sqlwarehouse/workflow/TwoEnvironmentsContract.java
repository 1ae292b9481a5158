package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;

/**
 * Two environments of one database for the contracts of defer and clone: prod (protected, deployed
 * first, schema {@link #schema}) and dev (in place, schema {@code <schema>_dev}), and a target in
 * another database. Checked in the database: which relations dev has and the rows they hold.
 *
 * <p>The project: seeds raw_orders and raw_customers, views stg_orders and stg_customers, a table
 * order_totals over stg_orders with a relationships test to stg_customers and a not_null test.
 * Prod is deployed with 3 orders (customer 1: 30, customer 2: 5); then the seed gains an order of
 * customer 2 (100), so that a dev relation built from the project's seed tells itself apart.
 */
abstract class TwoEnvironmentsContract extends DialectContract {
    static final String PROD_TOTALS = "1=30,2=5";
    static final String DEV_TOTALS = "1=30,2=105";

    protected SafetyFixture.RecordingLog log;

    protected String devSchema() {
        return schema + "_dev";
    }

    static Path writeProject(Path dir) throws IOException {
        SafetyFixture.write(dir, "dbt_project.yml", "name: deferral\nmodels:\n  deferral:\n    +materialized: view\n");
        SafetyFixture.write(dir, "seeds/raw_orders.csv", "id,customer_id,amount\n1,1,10\n2,1,20\n3,2,5\n");
        SafetyFixture.write(dir, "seeds/raw_customers.csv", "id,name\n1,ann\n2,bob\n");
        SafetyFixture.write(dir, "models/stg_orders.sql", "select id, customer_id, amount from {{ ref('raw_orders') }}\n");
        SafetyFixture.write(dir, "models/stg_customers.sql", "select id, name from {{ ref('raw_customers') }}\n");
        SafetyFixture.write(dir, "models/order_totals.sql", "{{ config(materialized='table') }}\n"
                + "select customer_id, sum(amount) as total from {{ ref('stg_orders') }} group by customer_id\n");
        SafetyFixture.write(dir, "models/schema.yml", "version: 2\nmodels:\n  - name: order_totals\n    columns:\n"
                + "      - name: customer_id\n        tests:\n          - relationships:\n"
                + "              to: ref('stg_customers')\n              field: id\n"
                + "      - name: total\n        tests:\n          - not_null\n");
        return dir;
    }

    /** The seed after prod's deploy: one more order, of customer 2. */
    static void addOrder(Path dir) throws IOException {
        SafetyFixture.write(dir, "seeds/raw_orders.csv", "id,customer_id,amount\n1,1,10\n2,1,20\n3,2,5\n4,2,100\n");
    }

    protected TargetDefinition prod() {
        return target(true);
    }

    protected TargetDefinition dev() {
        return targetOnDatabase("dev").schema(devSchema()).protectedFlag(false).build();
    }

    /** A DuckDB target in a file of its own: another database than the run's, whatever its dialect. */
    protected TargetDefinition elsewhere() {
        return TargetDefinition.builder("elsewhere").type("duckdb").schema(devSchema()).threads(1).origin("test")
                .path(tmp.resolve("elsewhere.duckdb").toAbsolutePath().toString()).protectedFlag(false).build();
    }

    protected Warehouse warehouse(Path project, String target, String select,
            UnaryOperator<WarehouseRequestBuilder> options) {
        log = new SafetyFixture.RecordingLog();
        return new Warehouse(options.apply(WarehouseRequest.builder().projectDirectory(project)
                .fallbackName("deferral").outputDirectory(project.resolve("target/warehouse"))
                .declaredTargets(List.of(prod(), dev(), elsewhere())).explicitTarget(target)
                .explicitUser("defer_tester").systemUserName("defer_tester").userHome(project.resolve("no-home"))
                .lockTimeoutSeconds(30).select(select).projectVersion("1.0").log(log)).build());
    }

    protected List<NodeResult> build(Path project, String select, UnaryOperator<WarehouseRequestBuilder> options)
            throws WarehouseException {
        Warehouse warehouse = warehouse(project, "dev", select, options);
        try {
            return warehouse.build();
        } catch (WarehouseException e) {
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + log, e.getHint(), e);
        }
    }

    /** Prod deployed whole from the project as first written, then the seed changed for dev. */
    protected Path deployedProd() throws Exception {
        Path project = writeProject(tmp.resolve("project"));
        warehouse(project, "prod", null, b -> b).deploy();
        assertThat(totals(schema)).isEqualTo(PROD_TOTALS);
        addOrder(project);
        return project;
    }

    /** "customer=total,..." of a schema's order_totals. */
    protected String totals(String inSchema) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : db.rows("select customer_id, total from \"" + inSchema
                + "\".\"order_totals\" order by customer_id")) {
            out.add(row.get("customer_id") + "=" + new java.math.BigDecimal(row.get("total").toString())
                    .stripTrailingZeros().toPlainString());
        }
        return String.join(",", out);
    }

    protected static NodeResult result(List<NodeResult> results, String namePrefix) {
        return results.stream().filter(r -> r.uniqueId().startsWith("test.deferral." + namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + namePrefix + " in " + results));
    }

    protected static List<String> testsRun(List<NodeResult> results) {
        return results.stream().map(NodeResult::uniqueId).filter(id -> id.startsWith("test.")).sorted().toList();
    }

    protected String compiledTotals(Path project) throws IOException {
        return Files.readString(project.resolve("target/warehouse/compiled/deferral/models/order_totals.sql"));
    }
}

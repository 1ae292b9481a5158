package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;

/**
 * warehouse.defer, warehouse.favorState and warehouse.indirectSelection between two environments of
 * one database: prod (protected, deployed first, schema {@link #schema}) and dev (in place, schema
 * {@code <schema>_dev}). Checked in the database: which relations dev has and the rows they hold.
 *
 * <p>The project: seeds raw_orders and raw_customers, views stg_orders and stg_customers, a table
 * order_totals over stg_orders with a relationships test to stg_customers and a not_null test.
 * Prod is deployed with 3 orders (customer 1: 30, customer 2: 5); then the seed gains an order of
 * customer 2 (100), so that a dev relation built from the project's seed tells itself apart.
 */
abstract class DeferContract extends DialectContract {
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
            UnaryOperator<WarehouseRequest.Builder> options) {
        log = new SafetyFixture.RecordingLog();
        return new Warehouse(options.apply(WarehouseRequest.builder().projectDirectory(project)
                .fallbackName("deferral").outputDirectory(project.resolve("target/warehouse"))
                .declaredTargets(List.of(prod(), dev(), elsewhere())).explicitTarget(target)
                .explicitUser("defer_tester").systemUserName("defer_tester").userHome(project.resolve("no-home"))
                .lockTimeoutSeconds(30).select(select).projectVersion("1.0").log(log)).build());
    }

    protected List<NodeResult> build(Path project, String select, UnaryOperator<WarehouseRequest.Builder> options)
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

    @Test
    void deferBuildsOnlyTheSelectedModelReadingProdsUpstream() throws Exception {
        Path project = deployedProd();

        warehouse(project, "dev", "order_totals", b -> b.defer("prod")).plan();
        assertThat(log.lines()).contains("[INFO] Deferred to target 'prod': stg_orders -> " + schema + ".stg_orders");

        List<NodeResult> results = build(project, "order_totals", b -> b.defer("prod"));

        assertThat(db.relations(devSchema())).as("dev builds the selected model only")
                .containsOnlyKeys("order_totals");
        assertThat(totals(devSchema())).as("from prod's stg_orders, not the changed seed").isEqualTo(PROD_TOTALS);
        assertThat(compiledTotals(project)).contains("\"" + schema + "\".\"stg_orders\"")
                .doesNotContain(devSchema());
        assertThat(log.lines()).contains("[INFO] Deferred to target 'prod': stg_orders -> " + schema + ".stg_orders",
                "[INFO] Deferred to target 'prod': stg_customers -> " + schema + ".stg_customers");
        assertThat(result(results, "relationships_order_totals").status()).as("reads prod's stg_customers")
                .isEqualTo(NodeStatus.PASS);
        assertThat(result(results, "not_null_order_totals_total").status()).isEqualTo(NodeStatus.PASS);
    }

    @Test
    void deferReadsTheCurrentEnvironmentWhereItHasTheNodeUnlessFavorState() throws Exception {
        Path project = deployedProd();
        build(project, null, b -> b);
        assertThat(totals(devSchema())).isEqualTo(DEV_TOTALS);

        SafetyFixture.write(project, "models/order_totals.sql", "{{ config(materialized='table') }}\n"
                + "select customer_id, sum(amount) as total from {{ ref('stg_orders') }} group by 1\n");
        build(project, "order_totals", b -> b.defer("prod"));
        assertThat(totals(devSchema())).as("dev has stg_orders: its own is read").isEqualTo(DEV_TOTALS);
        assertThat(compiledTotals(project)).contains("\"" + devSchema() + "\".\"stg_orders\"");

        build(project, "order_totals", b -> b.defer("prod").favorState(true));
        assertThat(totals(devSchema())).as("favorState: prod's, though dev has its own").isEqualTo(PROD_TOTALS);
        assertThat(compiledTotals(project)).contains("\"" + schema + "\".\"stg_orders\"");
        assertThat(db.relations(devSchema())).containsEntry("stg_orders", "VIEW");
    }

    @Test
    void deferToATargetInAnotherDatabaseIsRefusedBeforeAnythingIsBuilt() throws Exception {
        Path project = deployedProd();

        assertThatThrownBy(() -> warehouse(project, "elsewhere", "order_totals", b -> b.defer("prod")).build())
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("warehouse.defer=prod needs target 'prod' in the same database as target "
                        + "'elsewhere'")
                .hasMessageContaining("cannot read relations of another")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("same DuckDB file"));
        assertThat(Files.exists(tmp.resolve("elsewhere.duckdb"))).as("nothing opened there").isFalse();
        assertThatThrownBy(() -> build(project, "order_totals", b -> b.defer("nope")))
                .hasMessageContaining("warehouse.defer=nope names no target");
        assertThat(db.relations(devSchema())).isEmpty();
    }

    @Test
    void aTestAcrossTheSelectionsEdgeIsSkippedWithAWarningWithoutDeferAndPassesWithIt() throws Exception {
        Path project = deployedProd();

        List<NodeResult> results = build(project, "+order_totals", b -> b);
        assertThat(db.relations(devSchema())).containsOnlyKeys("raw_orders", "stg_orders", "order_totals");
        assertThat(totals(devSchema())).isEqualTo(DEV_TOTALS);
        NodeResult relationships = result(results, "relationships_order_totals");
        assertThat(relationships.status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(relationships.message()).contains(devSchema() + ".stg_customers");
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("[WARN] Test relationships_order_totals")
                .contains(devSchema() + ".stg_customers").contains("-Dwarehouse.defer=<target>"));
        assertThat(result(results, "not_null_order_totals_total").status()).isEqualTo(NodeStatus.PASS);

        results = build(project, "+order_totals", b -> b.defer("prod"));
        assertThat(result(results, "relationships_order_totals").status()).isEqualTo(NodeStatus.PASS);
        assertThat(db.relations(devSchema())).doesNotContainKey("stg_customers");
    }

    @Test
    void cautiousAndEmptyIndirectSelectionLeaveOutTestsOfUnselectedParents() throws Exception {
        Path project = deployedProd();
        // a customer prod lacks: the relationships test fails wherever it reads prod's customers
        SafetyFixture.write(project, "seeds/raw_orders.csv", "id,customer_id,amount\n1,1,10\n5,3,7\n");

        assertThatThrownBy(() -> build(project, "+order_totals", b -> b.defer("prod")))
                .as("eager: the relationships test runs, and fails").isInstanceOf(WarehouseException.class)
                .hasMessageContaining("relationships_order_totals");

        List<NodeResult> cautious = build(project, "+order_totals",
                b -> b.defer("prod").indirectSelection("cautious"));
        assertThat(testsRun(cautious)).singleElement().asString().startsWith("test.deferral.not_null_order_totals");
        assertThat(totals(devSchema())).isEqualTo("1=10,3=7");

        List<NodeResult> buildable = build(project, "+order_totals",
                b -> b.defer("prod").indirectSelection("buildable"));
        assertThat(testsRun(buildable)).singleElement().asString().startsWith("test.deferral.not_null_order_totals");

        db.execute("drop table \"" + devSchema() + "\".\"order_totals\"");
        List<NodeResult> empty = build(project, "+order_totals", b -> b.indirectSelection("empty"));
        assertThat(testsRun(empty)).isEmpty();
        assertThat(totals(devSchema())).isEqualTo("1=10,3=7");

        assertThatThrownBy(() -> build(project, "+order_totals", b -> b.indirectSelection("lazy")))
                .hasMessageContaining("warehouse.indirectSelection=lazy");
    }
}

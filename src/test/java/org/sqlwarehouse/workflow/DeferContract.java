package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;

/**
 * warehouse.defer, warehouse.favorState and warehouse.indirectSelection between prod and dev of one
 * database ({@link TwoEnvironmentsContract}): dev builds a selection, reading prod's relations for
 * what it leaves out and lacks. Checked in the database: which relations dev has, the rows they hold.
 */
abstract class DeferContract extends TwoEnvironmentsContract {

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
    void aRelationTheDeferredTargetLacksTooIsSaidAndTheTestReadingItSkipped() throws Exception {
        Path project = deployedProd();
        db.execute("drop view \"" + schema + "\".\"stg_customers\"");

        List<NodeResult> results = build(project, "order_totals", b -> b.defer("prod"));

        assertThat(log.lines()).contains("[WARN] Target 'prod' does not have " + schema + ".stg_customers either: "
                + "a model reading stg_customers fails and a test reading it is skipped, until one of the two "
                + "environments builds it.");
        NodeResult relationships = result(results, "relationships_order_totals");
        assertThat(relationships.status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(relationships.message()).contains(schema + ".stg_customers");
        assertThat(totals(devSchema())).isEqualTo(PROD_TOTALS);
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

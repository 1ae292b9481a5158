package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;

/**
 * warehouse:clone from prod into dev, in one database ({@link TwoEnvironmentsContract}): dev gets
 * each selected node it lacks as a view over prod's relation, recorded in its state as a clone,
 * which the next build replaces with the node's own relation. Checked in the database: the kinds of
 * dev's relations, the rows they serve, and dev's state rows.
 */
abstract class CloneContract extends TwoEnvironmentsContract {

    protected List<String> cloneIntoDev(Path project, String select, UnaryOperator<WarehouseRequestBuilder> options)
            throws WarehouseException {
        Warehouse warehouse = warehouse(project, "dev", select, b -> options.apply(b.state("prod")));
        try {
            return warehouse.cloneFromState();
        } catch (WarehouseException e) {
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + log, e.getHint(), e);
        }
    }

    /** dev's state rows: relation name to kind. */
    protected Map<String, String> devState() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select relation_name, kind from \"" + devSchema()
                + "\".\"_warehouse_relations\"")) {
            out.put(row.get("relation_name").toString(), row.get("kind").toString());
        }
        return out;
    }

    protected long rows(String inSchema, String relation) throws SQLException {
        return ((Number) db.value("select count(*) from \"" + inSchema + "\".\"" + relation + "\"")).longValue();
    }

    @Test
    void cloneMakesViewsOverProdThatTheNextBuildReplacesWithTheRealRelations() throws Exception {
        Path project = deployedProd();

        List<String> cloned = cloneIntoDev(project, null, b -> b);

        assertThat(cloned).hasSize(5);
        assertThat(db.relations(devSchema())).containsOnlyKeys("raw_orders", "raw_customers", "stg_orders",
                "stg_customers", "order_totals").allSatisfy((name, kind) -> assertThat(kind).isEqualTo("VIEW"));
        assertThat(totals(devSchema())).as("prod's rows, through the clone").isEqualTo(PROD_TOTALS);
        assertThat(rows(devSchema(), "raw_orders")).isEqualTo(3);
        assertThat(devState()).hasSize(5).allSatisfy((name, kind) -> assertThat(kind).isEqualTo("clone"));
        assertThat(log.lines()).contains("[INFO] Cloned order_totals: " + devSchema() + ".order_totals -> view over "
                + schema + ".order_totals");

        assertThat(warehouse(project, "dev", null, b -> b).plan()).hasSize(5).allSatisfy(change -> assertThat(
                change.reason()).isEqualTo("a clone (a view over another environment's relation)"));

        // the next build of order_totals builds the real table, over the clone of stg_orders
        build(project, "order_totals", b -> b);
        assertThat(db.relations(devSchema())).containsEntry("order_totals", "BASE TABLE")
                .containsEntry("stg_orders", "VIEW");
        assertThat(totals(devSchema())).isEqualTo(PROD_TOTALS);
        assertThat(devState()).containsEntry("order_totals", "table").containsEntry("stg_orders", "clone");

        // and a whole build replaces every clone with the project's own relation
        build(project, null, b -> b);
        assertThat(db.relations(devSchema())).containsEntry("raw_orders", "BASE TABLE")
                .containsEntry("raw_customers", "BASE TABLE").containsEntry("order_totals", "BASE TABLE");
        assertThat(rows(devSchema(), "raw_orders")).isEqualTo(4);
        assertThat(totals(devSchema())).isEqualTo(DEV_TOTALS);
        assertThat(devState()).doesNotContainValue("clone");
    }

    @Test
    void cloneLeavesWhatTheEnvironmentHasAloneUnlessFullRefresh() throws Exception {
        Path project = deployedProd();
        build(project, "+stg_orders", b -> b);
        assertThat(rows(devSchema(), "stg_orders")).isEqualTo(4);

        List<String> cloned = cloneIntoDev(project, null, b -> b);
        assertThat(cloned).hasSize(3);
        assertThat(db.relations(devSchema())).containsEntry("raw_orders", "BASE TABLE")
                .containsEntry("raw_customers", "VIEW").containsEntry("order_totals", "VIEW");
        assertThat(rows(devSchema(), "stg_orders")).as("dev's own, left alone").isEqualTo(4);
        assertThat(devState()).containsEntry("raw_orders", "table").containsEntry("stg_orders", "view")
                .containsEntry("order_totals", "clone");

        cloneIntoDev(project, "stg_orders", b -> b.fullRefresh(true));
        assertThat(rows(devSchema(), "stg_orders")).as("cloned over prod's now").isEqualTo(3);
        assertThat(devState()).containsEntry("stg_orders", "clone").containsEntry("raw_orders", "table");
    }

    @Test
    void cloneIsRefusedOnAProtectedTargetWithoutStateAndAcrossDatabases() throws Exception {
        Path project = deployedProd();
        Map<String, String> prodBefore = db.relations(schema);

        assertThatThrownBy(() -> warehouse(project, "prod", null, b -> b.state("dev")).cloneFromState())
                .hasMessageContaining("warehouse:clone is refused on protected target 'prod'");
        assertThat(db.relations(schema)).isEqualTo(prodBefore);
        assertThatThrownBy(() -> warehouse(project, "dev", null, b -> b).cloneFromState())
                .hasMessageContaining("warehouse:clone needs the target to clone from");
        assertThatThrownBy(() -> warehouse(project, "elsewhere", null, b -> b.state("prod")).cloneFromState())
                .hasMessageContaining("warehouse.state=prod needs target 'prod' in the same database as target "
                        + "'elsewhere'");
        assertThat(db.relations(devSchema())).isEmpty();
    }

    @Test
    void aSnapshotsCloneIsDroppedBeforeItsBuildWhichStartsItsOwnHistory() throws Exception {
        Path project = writeProject(tmp.resolve("project"));
        SafetyFixture.write(project, "snapshots/orders_history.sql", "{% snapshot orders_history %}\n"
                + "{{ config(unique_key='id', strategy='check', check_cols=['amount']) }}\n"
                + "select id, customer_id, amount from {{ ref('raw_orders') }}\n{% endsnapshot %}\n");
        warehouse(project, "prod", null, b -> b).deploy();
        addOrder(project);

        cloneIntoDev(project, null, b -> b);
        assertThat(db.relations(devSchema())).containsEntry("orders_history", "VIEW");
        assertThat(rows(devSchema(), "orders_history")).isEqualTo(3);

        build(project, null, b -> b);
        assertThat(db.relations(devSchema())).containsEntry("orders_history", "BASE TABLE");
        assertThat(rows(devSchema(), "orders_history")).as("dev's own history, from dev's seed").isEqualTo(4);
        assertThat(devState()).containsEntry("orders_history", "table");
    }
}

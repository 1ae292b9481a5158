package org.sqlwarehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data of src/it/dbt-features-*: the raw source both integration tests start from, and what
 * the database must hold after their three builds, on DuckDB and PostgreSQL alike.
 */
public final class ShopProjectCheck {
    private ShopProjectCheck() {
    }

    /** The source table read through source('shop_raw', 'orders'). */
    public static void createRawOrders(TestDatabase db) throws SQLException {
        db.execute("create schema if not exists it_raw_shop");
        db.execute("drop table if exists it_raw_shop.orders_raw");
        db.execute("create table it_raw_shop.orders_raw"
                + " (order_id integer, customer_id integer, status varchar(20), amount_cents integer)");
        db.execute("insert into it_raw_shop.orders_raw values"
                + " (100, 1, 'completed', 1500), (101, 2, 'shipped', 1000), (102, 3, 'returned', 2500),"
                + " (103, 1, 'placed', 4200), (104, 2, 'returned', 1200), (105, 4, 'returned', 500)");
    }

    /** Rows as lists of strings, so that DuckDB's and PostgreSQL's number types compare alike. */
    private static List<List<String>> rows(TestDatabase db, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        for (Map<String, Object> row : db.rows(sql)) {
            List<String> values = new ArrayList<>();
            row.values().forEach(v -> values.add(String.valueOf(v)));
            out.add(values);
        }
        return out;
    }

    /**
     * @param hookEvents the rows of hook_log as [event, count]: which hooks ran depends on what each
     *                   build rebuilt, which differs between a dev build and a staged deploy
     */
    public static void verify(TestDatabase db, String schema, String finance, List<List<String>> hookEvents)
            throws SQLException {
        assertThat(db.relations(schema)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "customer_ltv", "BASE TABLE",
                "customers", "BASE TABLE",
                "hook_log", "BASE TABLE",
                "order_status", "BASE TABLE",
                "order_updates", "BASE TABLE",
                "order_updates_batch", "VIEW",
                "payments", "BASE TABLE",
                "stg_customers", "VIEW",
                "stg_orders", "VIEW")));
        // the ephemeral model stg_payments built nothing anywhere
        assertThat(db.relations(finance)).containsExactlyEntriesOf(Map.of("order_payments", "BASE TABLE"));

        // macros, return(), vars: lifetime value over the accepted statuses only
        assertThat(rows(db, "select customer_id, orders, cast(ltv as decimal(10,2)) from " + schema
                + ".customer_ltv order by 1"))
                .containsExactly(List.of("1", "2", "57.00"), List.of("2", "1", "10.00"), List.of("3", "0", "0.00"),
                        List.of("4", "0", "0.00"));

        // the ephemeral model inlined into a model with a with-clause of its own
        assertThat(rows(db, "select order_id, cast(paid as decimal(10,2)) from " + finance
                + ".order_payments order by 1"))
                .containsExactly(List.of("100", "15.00"), List.of("101", "10.00"), List.of("102", "0.00"),
                        List.of("103", "42.00"), List.of("104", "0.00"), List.of("105", "0.00"));

        // incremental merge over two batches: one row per id, id 2 updated, id 4 added
        assertThat(rows(db, "select id, status from " + schema + ".order_status order by id"))
                .containsExactly(List.of("1", "placed"), List.of("2", "shipped"), List.of("3", "placed"),
                        List.of("4", "placed"));

        assertThat(rows(db, "select event, count(*) from " + schema + ".hook_log group by event order by event"))
                .containsExactlyElementsOf(hookEvents);
    }
}

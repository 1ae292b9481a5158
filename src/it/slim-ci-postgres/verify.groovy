import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// the pull request's build read prod's upstream and built only what it changed
assert log.contains("Deferred to target 'prod': stg_orders -> it_slim.stg_orders")
assert log.contains("Deferred to target 'prod': customers -> it_slim.customers")
assert log =~ /OK     table  dbt_pr_123\.orders/
assert log =~ /OK     table  dbt_pr_123\.order_summary/
assert log =~ /PASS   test   relationships_orders_customer_id__customer_id__ref_customers_/
// the nightly cleanup keeps a pull request's schema built minutes ago
assert log =~ /Kept environment dbt_pr_123 .*built within the last 14d/

def compiled = new File(basedir, 'target/warehouse/compiled/slim/models/orders.sql').text
assert compiled.contains('"it_slim"."stg_orders"')

def db = TestDatabase.postgres()
try {
    assert db.relations('dbt_pr_123').keySet().findAll { !it.startsWith('_warehouse') } as Set == ['orders', 'order_summary'] as Set
    assert db.rows('select order_id from dbt_pr_123.orders order by order_id')*.order_id == [1, 2, 4]
    def summary = db.rows('select orders, revenue from dbt_pr_123.order_summary')[0]
    assert summary.orders == 3 && (summary.revenue as BigDecimal) == 23.00
    // prod untouched: the refunded order still counts there
    assert db.value('select count(*) from it_slim.orders') == 4
} finally {
    db.close()
}
return true

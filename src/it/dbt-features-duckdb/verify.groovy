import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper
import org.sqlwarehouse.testing.DbtSchemas

def log = new File(basedir, 'build.log').text
// build 1: the singular test failed with its count and query; the warn-only test warned
assert log.contains('FAIL   test   assert_no_big_refunds')
assert log.contains('Got 2 failing rows')
assert log.contains('compiled SQL: target/warehouse/compiled/shop/tests/assert_no_big_refunds.sql')
// as in dbt build, what reads stg_orders waited for its tests and was skipped; it was built in build 2
assert log =~ /SKIP\s+table\s+dbt_it\.customer_ltv/
assert log =~ /SKIP\s+table\s+dbt_it_shop_finance\.order_payments/
assert log =~ /WARN   test   accepted_values_stg_orders_status__placed__shipped__completed/
assert log.contains('PASS   test   relationships_stg_orders_customer_id__customer_id__ref_stg_customers_')

def db = TestDatabase.duckdb(new File(basedir, 'target/shop.duckdb'))
try {
    // on-run-end ran in each of the three builds; the marts' post-hook only when a mart was rebuilt,
    // which after the first build it never was: their SQL and upstream stayed the same
    org.sqlwarehouse.testing.ShopProjectCheck.verify(db, 'dbt_it', 'dbt_it_shop_finance',
            [['post customer_ltv', '1'], ['post order_payments', '1'], ['run end', '3']])
    // state: every model and seed recorded; the incremental one rebuilt in build 2
    assert db.stateTables('dbt_it') == ['_warehouse_candidates', '_warehouse_deployments', '_warehouse_relations']
} finally {
    db.close()
}

// build 3 ran exactly +customer_ltv and the tests of those nodes
def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
def ran = results.results.findAll { !it.unique_id.startsWith('test.') }
assert (ran*.unique_id as Set) == (['seed.shop.customers', 'model.shop.stg_customers', 'model.shop.stg_orders', 'model.shop.customer_ltv'] as Set)
assert ran.every { it.status == 'success' && it.message.startsWith('unchanged') }
def tests = results.results.findAll { it.unique_id.startsWith('test.') }
assert tests.size() == 6   // those of stg_orders (4, relationships included) and customer_ltv (2)
assert tests.every { it.status in ['pass', 'warn'] }
// both artifacts as dbt tooling reads them: valid against dbt's published schemas (where they are here)
if (DbtSchemas.available()) {
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/run_results.json'), DbtSchemas.RUN_RESULTS) == []
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/manifest.json'), DbtSchemas.MANIFEST) == []
}
return true


import org.sqlwarehouse.testing.TestDatabase
import org.sqlwarehouse.testing.ShopProjectCheck
import groovy.json.JsonSlurper
import org.sqlwarehouse.testing.DbtSchemas

def log = new File(basedir, 'build.log').text
assert log.contains('FAIL   test   assert_no_big_refunds')
assert log.contains('Got 2 failing rows')
assert log =~ /WARN   test   accepted_values_stg_orders_status__placed__shipped__completed/
assert log =~ /SKIP\s+table\s+it_features\.customer_ltv__wh_cand/
assert log =~ /SKIP\s+table\s+shop_finance\.order_payments__wh_cand/

def db = TestDatabase.postgres()
try {
    // on prod, generate_schema_name puts the custom schema on its own: shop_finance
    // build 1 staged a candidate whose test failed: nothing went live, and what reads the tested
    // stg_orders was skipped, as in dbt build; build 2 staged and promoted; build 3 found nothing to
    // do. The marts' post-hook ran on each candidate it built: only build 2's.
    ShopProjectCheck.verify(db, 'it_features', 'shop_finance',
            [['post customer_ltv__wh_cand', '1'], ['post order_payments__wh_cand', '1'], ['run end', '2']])
    assert db.value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('it_features', 'shop_finance') and relname like '%\\_\\_wh\\_cand'") == 0
} finally {
    db.close()
}
def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
assert results.metadata.env.target_name == 'prod'
assert (results.results*.unique_id.findAll { !it.startsWith('test.') } as Set) ==
        (['seed.shop.customers', 'model.shop.stg_customers', 'model.shop.stg_orders', 'model.shop.customer_ltv'] as Set)
// both artifacts as dbt tooling reads them: valid against dbt's published schemas (where they are here)
if (DbtSchemas.available()) {
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/run_results.json'), DbtSchemas.RUN_RESULTS) == []
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/manifest.json'), DbtSchemas.MANIFEST) == []
}
return true

import org.sqlwarehouse.testing.TestDatabase
import org.sqlwarehouse.testing.ShopProjectCheck
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('FAIL   test   assert_no_big_refunds')
assert log.contains('Got 2 failing rows')
assert log =~ /WARN   test   accepted_values_stg_orders_status__placed__shipped__completed/

def db = TestDatabase.postgres()
try {
    // on prod, generate_schema_name puts the custom schema on its own: shop_finance
    ShopProjectCheck.verify(db, 'it_features', 'shop_finance')
} finally {
    db.close()
}
def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
assert results.target == 'prod'
assert (results.results*.unique_id.findAll { !it.startsWith('test.') } as Set) ==
        (['seed.shop.customers', 'model.shop.stg_customers', 'model.shop.stg_orders', 'model.shop.customer_ltv'] as Set)
return true

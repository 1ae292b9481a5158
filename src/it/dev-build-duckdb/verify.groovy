import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper
import org.sqlwarehouse.testing.DbtSchemas

def log = new File(basedir, 'build.log').text
assert log.contains('OK     table  dbt_bar_o_user.customer_orders')
assert log =~ /\[\d\/6\] OK     seed   dbt_bar_o_user\.customers/

def db = TestDatabase.duckdb(new File(basedir, 'target/dev.duckdb'))
try {
    // every relation, with its kind, in the dev schema of "Bar O'User"
    assert db.relations('dbt_bar_o_user') == [
        customer_orders: 'BASE TABLE',
        customers      : 'BASE TABLE',
        order_facts_v  : 'VIEW',
        orders         : 'BASE TABLE',
        stg_customers  : 'VIEW',
        stg_orders     : 'VIEW',
    ]
    // nothing left behind by the swaps
    assert db.value("select count(*) from information_schema.tables where table_name like '%__wh_%'") == 0

    // seed typing, quoting and NULLs
    assert db.columns('dbt_bar_o_user', 'customers') == [id: 'INTEGER', name: 'VARCHAR', city: 'VARCHAR',
        signed_up: 'DATE', is_active: 'BOOLEAN', balance: 'DECIMAL(38,3)']
    def customers = db.rows('select * from dbt_bar_o_user.customers order by id')
    assert customers.size() == 4
    assert customers[0].city == 'Paris, France'
    assert customers[1].name == 'Bob "the builder"'
    assert customers[2].city == 'multi\nline'
    assert customers[2].is_active == true
    assert customers[2].balance == null
    assert customers[3].name == null && customers[3].signed_up == null
    assert customers[3].balance == 0.125

    assert db.columns('dbt_bar_o_user', 'orders') == [order_id: 'INTEGER', customer_id: 'BIGINT',
        order_code: 'VARCHAR', amount: 'DECIMAL(38,2)', status: 'VARCHAR', ordered_at: 'TIMESTAMP']
    assert db.rows("select order_code from dbt_bar_o_user.orders order by order_id")*.order_code == ['007', '008', '009', '010', '011']

    // models: vars, loops, refs
    assert db.count('dbt_bar_o_user.stg_orders') == 4   // 'returned' filtered out by the statuses var
    def totals = db.rows('select customer_id, customer_name, order_count, total_amount, big_orders from dbt_bar_o_user.customer_orders order by customer_id')
    assert totals.collect { [it.customer_id, it.customer_name, it.order_count, it.total_amount as BigDecimal, it.big_orders] } == [
        [1, 'Alice', 2, 30.50, 1],
        [2, 'Bob "the builder"', 1, 99.99, 1],
        [3, 'Chloé', 0, 0, 0],
        [4, 'unknown', 0, 0, 0],
    ]
    assert db.value('select distinct built_in from dbt_bar_o_user.order_facts_v') == 'dbt_bar_o_user'
} finally {
    db.close()
}

// compiled SQL: rendered, comments gone, this and target resolved
def compiled = new File(basedir, 'target/warehouse/compiled/shop/models/marts/order_facts.sql').text
assert compiled.contains('-- built as "dev"."dbt_bar_o_user"."order_facts_v" on target dev')
assert !new File(basedir, 'target/warehouse/compiled/shop/models/staging/stg_customers.sql').text.contains('must not reach')
assert new File(basedir, 'target/warehouse/compiled/shop/models/staging/stg_orders.sql').text.contains("status in ('placed', 'shipped')")

def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
assert results.metadata.env.target_name == 'dev'
assert results.args.target == 'dev'
assert results.results.size() == 6
// the second build changed nothing: every relation left alone, none rebuilt (dbt has no status
// "unchanged": it is a success whose message says so)
assert results.results.every { it.status == 'success' && it.message.startsWith('unchanged') }
assert results.results.find { it.unique_id == 'model.shop.customer_orders' }.relation_name == '"dev"."dbt_bar_o_user"."customer_orders"'
assert results.results.find { it.unique_id == 'seed.shop.customers' } != null

def manifest = new JsonSlurper().parse(new File(basedir, 'target/warehouse/manifest.json'))
assert manifest.nodes['model.shop.customer_orders'].depends_on.nodes as Set == ['model.shop.stg_customers', 'model.shop.stg_orders'] as Set
// both artifacts as dbt tooling reads them: valid against dbt's published schemas (where they are here)
if (DbtSchemas.available()) {
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/run_results.json'), DbtSchemas.RUN_RESULTS) == []
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/manifest.json'), DbtSchemas.MANIFEST) == []
}
return true

import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// alice's build: the macro's models, nothing else (raw_orders is her clone of prod's: nothing to defer)
assert log =~ /OK     view   dbt_alice\.stg_orders/
assert log =~ /OK     table  dbt_alice\.orders/
assert log =~ /OK     table  dbt_alice\.report/
assert !(log =~ /OK     table  dbt_alice\.env_banner/)
// bob's defer to another database is refused before anything runs
assert log.contains("warehouse.defer=elsewhere needs target 'elsewhere' in the same database as target 'dev'")

def db = TestDatabase.postgres()
try {
    def kinds = db.rows("select relation_name, kind from dbt_alice._warehouse_relations order by relation_name")
            .collectEntries { [(it.relation_name): it.kind] }
    // the clones alice did not rebuild stay clones over prod; the rebuilt ones are hers
    assert kinds.env_banner == 'clone' && kinds.raw_orders == 'clone'
    assert kinds.orders != 'clone' && kinds.report != 'clone' && kinds.stg_orders != 'clone'
    assert db.value("select definition from pg_views where schemaname = 'dbt_alice' and viewname = 'env_banner'")
            .contains('it_cd_prod')
    assert db.rows('select built_for from dbt_alice.env_banner')*.built_for == ['prod']
    // alice's stg_orders is the changed macro's SQL, over her clone of prod's seed
    def stg = db.value("select definition from pg_views where schemaname = 'dbt_alice' and viewname = 'stg_orders'")
    assert stg.contains('round(') && stg.contains('dbt_alice.raw_orders')
    // the changed macro rounds: 12.5 + 8.0 in prod's rows, rounded to one decimal
    def report = db.rows('select orders, revenue from dbt_alice.report')[0]
    assert report.orders == 2 && (report.revenue as BigDecimal) == 20.5
    // prod untouched, bob got nothing
    assert db.value("select count(*) from it_cd_prod._warehouse_relations where kind = 'clone'") == 0
    assert db.value("select count(*) from information_schema.schemata where schema_name = 'dbt_bob'") == 0
} finally {
    db.close()
}
return true

import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("Target 'prod' is protected")
assert log.contains('OK     table  it_deploy_prod.kind_totals')

def db = TestDatabase.postgres()
try {
    assert db.relations('it_deploy_prod') == [
        clicks     : 'VIEW',
        events     : 'BASE TABLE',
        kind_totals: 'BASE TABLE',
        stg_events : 'VIEW',
    ]
    assert db.columns('it_deploy_prod', 'events') == [event_id: 'integer', kind: 'text', note: 'text', amount: 'numeric']
    assert db.count('it_deploy_prod.events') == 5000
    assert db.value("select note from it_deploy_prod.events where event_id = 42") == 'note, with "quotes" 42'
    assert db.value("select amount from it_deploy_prod.events where event_id = 42") == 42.25
    assert db.count('it_deploy_prod.clicks') == 1666
    def totals = db.rows('select kind, events, amount from it_deploy_prod.kind_totals order by kind')
    assert totals.collect { [it.kind, it.events, it.amount] } == [['click', 1666, 4166249.50], ['view', 3334, 8337500.50]]
    assert db.value("select count(*) from pg_class where relname like '%__wh_%'") == 0
} finally {
    db.close()
}
// deploy wrote to prod only: the dev DuckDB file was never created
assert !new File(basedir, 'target/dev.duckdb').exists()
def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
assert results.target == 'prod'
assert results.results*.status as Set == ['success'] as Set
return true

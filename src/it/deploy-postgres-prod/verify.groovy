import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper
import org.sqlwarehouse.testing.DbtSchemas

def log = new File(basedir, 'build.log').text
// verify staged and tested a candidate, deploy promoted it; the second deploy found nothing to do
assert log.contains("Candidate for target 'prod' built and tested: 4 relation(s) to create or replace")
assert log.contains("Deployed to target 'prod' in one transaction: 4 created, 0 replaced, 0 unchanged")
assert log.contains("Target 'prod' is up to date: 4 relation(s) unchanged, nothing deployed.")
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
    // no candidate left over; nothing kept as a previous version since nothing was replaced
    assert db.value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'it_deploy_prod' and relname like '%\\_\\_wh\\_%'") == 0
    // the state: who deployed what, and when
    def state = db.rows("select relation_name, kind, deployed_by, deploy_id from it_deploy_prod._warehouse_relations order by 1")
    assert state*.relation_name == ['clicks', 'events', 'kind_totals', 'stg_events']
    assert state*.kind == ['view', 'table', 'table', 'view']
    assert state.every { it.deployed_by.contains('@') && it.deploy_id != null }
    assert db.value("select count(*) from it_deploy_prod._warehouse_deployments where status = 'deployed'") == 1
} finally {
    db.close()
}
// deploy wrote to prod only: the dev DuckDB file was never created
assert !new File(basedir, 'target/dev.duckdb').exists()
def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
assert results.metadata.env.target_name == 'prod'
// the second deploy left every relation alone: dbt's status success, the message says unchanged
assert results.results.size() == 4
assert results.results.every { it.status == 'success' && it.message.startsWith('unchanged') }
// both artifacts as dbt tooling reads them: valid against dbt's published schemas (where they are here)
if (DbtSchemas.available()) {
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/run_results.json'), DbtSchemas.RUN_RESULTS) == []
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/manifest.json'), DbtSchemas.MANIFEST) == []
}
return true

import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper
import org.sqlwarehouse.testing.DbtSchemas

def log = new File(basedir, 'build.log').text
// the failure names the node, its file, the database's own message and the compiled SQL
assert log.contains('ERROR  view   dbt_it.broken')
assert log.contains('model.broken_model.broken failed (models/broken.sql)')
assert log =~ /(?i)no_such_column/
assert log.contains('compiled SQL: target/warehouse/compiled/broken_model/models/broken.sql')
assert log.contains('SKIP   table  dbt_it.after_broken')
assert log.contains('SKIP   view   dbt_it.further_after_broken')
assert log.contains('1 of 5 nodes failed: model.broken_model.broken (models/broken.sql)')

def db = TestDatabase.duckdb(new File(basedir, 'target/warehouse/dev.duckdb'))
try {
    // independent nodes were built; the broken one and its dependents were not
    assert db.relations('dbt_it') == [base: 'VIEW', independent: 'BASE TABLE']
    assert db.rows('select id from dbt_it.independent order by id')*.id == [10, 20]
} finally {
    db.close()
}

def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
def status = results.results.collectEntries { [it.unique_id, it.status] }
assert status == [
    'model.broken_model.base'                : 'success',
    'model.broken_model.broken'              : 'error',
    'model.broken_model.after_broken'        : 'skipped',
    'model.broken_model.further_after_broken': 'skipped',
    'model.broken_model.independent'         : 'success',
]
assert results.results.find { it.unique_id == 'model.broken_model.broken' }.message =~ /(?i)no_such_column/
// both artifacts as dbt tooling reads them: valid against dbt's published schemas (where they are here)
if (DbtSchemas.available()) {
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/run_results.json'), DbtSchemas.RUN_RESULTS) == []
    assert DbtSchemas.violations(new File(basedir, 'target/warehouse/manifest.json'), DbtSchemas.MANIFEST) == []
}
return true

import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
assert log.contains("models/report.sql line 3: ref('custmers') names no model or seed; did you mean 'customers'?")

def db = TestDatabase.duckdb(new File(basedir, 'target/warehouse/dev.duckdb'))
try {
    // nothing was run: only what was there before
    assert db.relations('dbt_it') == [sentinel: 'BASE TABLE']
    assert db.value('select answer from dbt_it.sentinel') == 42
} finally {
    db.close()
}
assert !new File(basedir, 'target/warehouse/run_results.json').exists()
return true

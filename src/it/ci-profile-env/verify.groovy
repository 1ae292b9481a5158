import org.sqlwarehouse.testing.TestDatabase

assert !new File(basedir, 'target/dev.duckdb').exists()
def db = TestDatabase.duckdb(new File(basedir, 'target/ci.duckdb'))
try {
    assert db.relations('dbt_pr_123') == [hello: 'VIEW']
    assert db.value('select built_for from dbt_pr_123.hello') == 'ci'
} finally {
    db.close()
}
return true

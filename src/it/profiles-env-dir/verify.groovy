import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
assert log.contains('OK     view   dbt_it.greeting')
// the profiles.yml default target, its path from env_var's default, its threads from the environment
def file = new File(basedir, 'target/from-profiles.duckdb')
assert file.exists()
assert !new File(basedir, 'target/elsewhere.duckdb').exists()
assert !new File(basedir, 'target/warehouse/dev.duckdb').exists()
def db = TestDatabase.duckdb(file)
try {
    assert db.relations('dbt_it') == [greeting: 'VIEW']
    assert db.value('select greeting from dbt_it.greeting') == 'hello from local with 3 threads'
} finally {
    db.close()
}
return true

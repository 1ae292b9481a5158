import org.sqlwarehouse.testing.TestDatabase

// build 1: dev, declared in both places: the POM's wins
assert !new File(basedir, 'target/from-profiles.duckdb').exists()
def dev = TestDatabase.duckdb(new File(basedir, 'target/from-pom.duckdb'))
try {
    assert dev.relations('dbt_it') == [one: 'VIEW']
    assert dev.value('select target_name from dbt_it.one') == 'dev'
} finally {
    dev.close()
}
// build 2: staging from profiles.yml, its schema from the environment
def staging = TestDatabase.duckdb(new File(basedir, 'target/staging.duckdb'))
try {
    assert staging.relations('staging_from_env') == [one: 'VIEW']
    assert staging.value('select target_name from staging_from_env.one') == 'staging'
} finally {
    staging.close()
}
return true

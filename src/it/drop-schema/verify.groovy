import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// build 1 made dbt_it and dbt_it_marketing; build 2 dropped both
assert log.contains('OK     table  dbt_it_marketing.campaigns')
assert log.contains("Dropped schema dbt_it on target 'dev'")
assert log.contains("Dropped schema dbt_it_marketing on target 'dev'")
// build 3 refused the protected target
assert log.contains("drop-schema refuses target 'prod': it is protected.")

def db = TestDatabase.duckdb(new File(basedir, 'target/wh.duckdb'))
try {
    def schemas = db.rows("select schema_name from information_schema.schemata where catalog_name = 'wh' order by 1")*.schema_name
    assert !schemas.contains('dbt_it') && !schemas.contains('dbt_it_marketing')
    // prod and the other user's schema are untouched
    assert db.value('select amount from analytics.revenue') == 100
    assert db.value('select x from dbt_itx.keep') == 1
} finally {
    db.close()
}
return true

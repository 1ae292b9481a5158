import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
def longUser = 'it_long_' + 'x' * 72
def longBase = ('dbt_' + longUser).substring(0, 63)
// builds 1 to 3 made dbt_it, dbt_it_smith, the long user's schema and their marketing siblings
assert log.contains('OK     table  dbt_it_marketing.campaigns')
assert log.contains('OK     table  dbt_it_smith_marketing.campaigns')
// 4 dropped it's environment only: not it_smith's, not dbt_it_admin, which no state records
assert log.contains("Dropped schema dbt_it on target 'dev'")
assert log.contains("Dropped schema dbt_it_marketing on target 'dev'")
assert !log.contains('Dropped schema dbt_it_smith')
assert !log.contains('Dropped schema dbt_it_admin')
// 5 dropped the long user's schema and its shortened sibling, found through the state
assert log.contains("Dropped schema ${longBase} on target 'dev'")
def longSibling = (log =~ /Dropped schema (dbt_it_long_x+_[0-9a-f]{8}) on target/)
assert longSibling.find()
assert longSibling.group(1).length() <= 63
// 6 refused the protected target, 7 the empty prefix
assert log.contains("drop-schema refuses target 'prod': it is protected.")
assert log.contains('drop-schema refuses an empty warehouse.devSchemaPrefix')

def db = TestDatabase.duckdb(new File(basedir, 'target/wh.duckdb'))
try {
    def schemas = db.rows("select schema_name from information_schema.schemata where catalog_name = 'wh' order by 1")*.schema_name
    assert !schemas.contains('dbt_it') && !schemas.contains('dbt_it_marketing')
    assert !schemas.any { it.startsWith('dbt_it_long') }
    // the other user's environment is whole
    assert schemas.contains('dbt_it_smith') && schemas.contains('dbt_it_smith_marketing')
    assert db.value('select count(*) from dbt_it_smith_marketing.campaigns') == 1
    assert db.stateTables('dbt_it_smith').contains('_warehouse_relations')
    // prod, the schemas without state and the default schema are untouched
    assert db.value('select amount from analytics.revenue') == 100
    assert db.value('select x from dbt_itx.keep') == 1
    assert db.value('select id from dbt_it_admin.users') == 7
    assert db.value('select y from main.keep_me') == 3
} finally {
    db.close()
}
return true

import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
assert log.contains('into finance-1.0-dbt.tar.gz (install it elsewhere with - maven: org.sqlwarehouse.it:finance:1.0')
assert new File(basedir, 'finance/target/finance-1.0-dbt.tar.gz').isFile()
def lock = new File(basedir, 'shop/package-lock.yml').text
assert lock.contains('maven: org.sqlwarehouse.it:finance:1.0')
assert lock.contains('name: finance_macros')
assert new File(basedir, 'shop/dbt_packages/finance_macros/macros/cents.sql').isFile()

def db = TestDatabase.duckdb(new File(basedir, 'shop/target/wh.duckdb'))
try {
    assert db.value("select dollars from dbt_it.prices where item = 'tea'") == 12.50
} finally {
    db.close()
}
return true

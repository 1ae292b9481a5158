import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// 1: the build did not install anything; it said what to do
assert log.contains('packages.yml lists 1 package(s) that are not installed (there is no package-lock.yml): libs/money.')
assert log.contains('hint: Run mvn warehouse:deps')
// 2: deps resolved, locked and installed the package under its dbt_project.yml name
assert log.contains('Wrote package-lock.yml with 1 package(s)')
assert log.contains('money: installed local libs/money')
def lock = new File(basedir, 'package-lock.yml').text
assert lock.contains('local: libs/money')
assert lock.contains('name: money')
assert lock =~ /sha1_hash: [0-9a-f]{40}/
assert new File(basedir, 'dbt_packages/money/macros/cents.sql').isFile()
assert new File(basedir, 'dbt_packages/.warehouse-deps/money.yml').isFile()

// 3: the model called the package's macro; the package's own model was built as a table, with the
// var the root project scoped to the package over the package's default, and a root model read it
def db = TestDatabase.duckdb(new File(basedir, 'target/wh.duckdb'))
try {
    assert db.value("select dollars from dbt_it.prices where item = 'tea'") == 12.50
    assert db.value("select rate from dbt_it.fx_rates where currency = 'EUR'") == 0.5
    assert db.relations('dbt_it')['fx_rates'] == 'BASE TABLE'
    assert db.value("select euros from dbt_it.prices_eur where item = 'tea'") == 6.25
} finally {
    db.close()
}
return true

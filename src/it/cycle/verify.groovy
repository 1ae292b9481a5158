import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
assert log.contains('Dependency cycle: a (models/a.sql) -> b (models/b.sql) -> c (models/c.sql) -> a (models/a.sql)')

def db = TestDatabase.duckdb(new File(basedir, 'target/warehouse/dev.duckdb'))
try {
    // the cycle is found before the database is touched: even standalone was not built
    assert db.relations('dbt_it') == [sentinel: 'BASE TABLE']
} finally {
    db.close()
}
return true

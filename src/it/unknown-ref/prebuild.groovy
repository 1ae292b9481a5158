import org.sqlwarehouse.testing.TestDatabase

// a database that already holds something: a failed compile must leave it exactly so
def file = new File(basedir, 'target/warehouse/dev.duckdb')
file.parentFile.mkdirs()
def db = TestDatabase.duckdb(file)
try {
    db.execute('create schema dbt_it')
    db.execute('create table dbt_it.sentinel as select 42 as answer')
} finally {
    db.close()
}
return true
